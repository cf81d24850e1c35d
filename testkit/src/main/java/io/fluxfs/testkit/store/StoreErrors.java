package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.StoreException;
import io.fluxfs.engine.store.StoreException.Kind;
import io.fluxfs.engine.store.StoreException.Verb;

/** Builds the {@link StoreException}s the fakes raise, with the HTTP status a real server would send. */
final class StoreErrors {

    private StoreErrors() {
    }

    static StoreException of(Kind kind, Verb verb, String key, String message) {
        return new StoreException(kind, verb, key, httpStatus(kind), message, null);
    }

    /** A failure that never got an HTTP answer (connection reset, timeout, partition). */
    static StoreException noAnswer(Verb verb, String key, String message) {
        return new StoreException(Kind.TRANSIENT, verb, key, 0, message, null);
    }

    static int httpStatus(Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case PRECONDITION_FAILED -> 412;
            case ACCESS_DENIED -> 403;
            case THROTTLED -> 503;
            case TRANSIENT -> 500;
            case CONFLICT -> 409;
            case INVALID_RANGE -> 416;
            case INVALID_REQUEST -> 400;
            case OTHER -> 0;
        };
    }
}
