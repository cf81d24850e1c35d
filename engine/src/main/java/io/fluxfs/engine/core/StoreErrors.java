package io.fluxfs.engine.core;

import io.fluxfs.engine.fs.FsError;
import io.fluxfs.engine.fs.FsException;
import io.fluxfs.engine.store.StoreException;

import java.util.concurrent.CompletionException;

/**
 * The engine's one mapping from store failures to filesystem errors. (The fuse module's table then
 * maps {@link FsError} to errno; nothing else translates errors.)
 */
final class StoreErrors {
    private StoreErrors() {
    }

    /** Turns any failure into an {@link FsException}; an FsException passes through unchanged. */
    static FsException toFs(Throwable t, String what) {
        FsException fe = FsException.unwrap(t);
        if (fe != null) {
            return fe;
        }
        StoreException se = StoreException.unwrap(t);
        if (se == null) {
            Throwable root = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
            return new FsException(FsError.EIO, what + ": " + root, root);
        }
        return new FsException(errorOf(se.kind()), what + ": " + se.getMessage(), se);
    }

    static FsError errorOf(StoreException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> FsError.ENOENT;
            // The object changed under an open handle or a conditional copy.
            case PRECONDITION_FAILED -> FsError.ESTALE;
            case ACCESS_DENIED -> FsError.EACCES;
            // Retries are spent by the time a retryable kind reaches here.
            case THROTTLED, TRANSIENT -> FsError.EIO;
            case CONFLICT -> FsError.EEXIST;
            // The store refused a request we built: a key or header it cannot hold.
            case INVALID_REQUEST, INVALID_RANGE -> FsError.EINVAL;
            case OTHER -> FsError.EIO;
        };
    }

    static boolean isNotFound(Throwable t) {
        StoreException se = StoreException.unwrap(t);
        return se != null && se.kind() == StoreException.Kind.NOT_FOUND;
    }
}
