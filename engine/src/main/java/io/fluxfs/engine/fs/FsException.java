package io.fluxfs.engine.fs;

import java.util.concurrent.CompletionException;

/** The one failure of the {@link FileSystem} API: an {@link FsError} and what it was about. */
public final class FsException extends RuntimeException {
    private final FsError error;

    public FsException(FsError error, String message) {
        super(error + ": " + message);
        this.error = error;
    }

    public FsException(FsError error, String message, Throwable cause) {
        super(error + ": " + message, cause);
        this.error = error;
    }

    public FsError error() {
        return error;
    }

    /** Finds the FsException inside completion wrappers, or null. */
    public static FsException unwrap(Throwable t) {
        Throwable c = t;
        while (c != null) {
            if (c instanceof FsException fe) {
                return fe;
            }
            if (!(c instanceof CompletionException) && c.getCause() == c) {
                return null;
            }
            c = c.getCause();
        }
        return null;
    }
}
