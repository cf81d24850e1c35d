package io.fluxfs.engine.store;

/**
 * The one failure type of the {@link ObjectStore} port. The {@link Kind} decides retries and errno;
 * the verb and key say where it happened, so the edge can log it once with its context.
 */
public final class StoreException extends RuntimeException {

    /** What went wrong, independent of the store's dialect. */
    public enum Kind {
        /** No such key, bucket or upload (404). */
        NOT_FOUND(false),
        /** If-Match / If-None-Match did not hold (412), or the object changed under a copy. */
        PRECONDITION_FAILED(false),
        /** Credentials refused or not allowed (401/403). */
        ACCESS_DENIED(false),
        /** SlowDown, 503, 429: retry with backoff. */
        THROTTLED(true),
        /** Connection refused or reset, timeout, 500: retry. */
        TRANSIENT(true),
        /** Bucket already exists, or a conflicting operation (409). */
        CONFLICT(false),
        /** The range does not overlap the object (416). */
        INVALID_RANGE(false),
        /** The store refused the request as malformed: key too long, part too small, bad upload (400). */
        INVALID_REQUEST(false),
        /** Anything else. */
        OTHER(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    /** The verb that failed. */
    public enum Verb {
        CREATE_BUCKET, HEAD_BUCKET, HEAD, GET, PUT, LIST, DELETE, DELETE_MANY, COPY,
        CREATE_MULTIPART, UPLOAD_PART, UPLOAD_PART_COPY, COMPLETE_MULTIPART, ABORT_MULTIPART, LIST_MULTIPART
    }

    private final Kind kind;
    private final Verb verb;
    private final String key;
    private final int httpStatus;

    public StoreException(Kind kind, Verb verb, String key, int httpStatus, String message, Throwable cause) {
        super(verb + " " + (key == null ? "" : key) + ": " + kind + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "")
                + (message == null ? "" : " " + message), cause);
        this.kind = kind;
        this.verb = verb;
        this.key = key;
        this.httpStatus = httpStatus;
    }

    public StoreException(Kind kind, Verb verb, String key, String message) {
        this(kind, verb, key, 0, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public Verb verb() {
        return verb;
    }

    /** The key involved, or {@code null} for bucket-level verbs. */
    public String key() {
        return key;
    }

    /** The HTTP status, or 0 when the request never got an answer. */
    public int httpStatus() {
        return httpStatus;
    }

    public boolean retryable() {
        return kind.retryable();
    }

    /** Unwraps {@link java.util.concurrent.CompletionException} layers; returns null if not a store error. */
    public static StoreException unwrap(Throwable t) {
        Throwable c = t;
        while (c != null) {
            if (c instanceof StoreException se) {
                return se;
            }
            c = c.getCause();
        }
        return null;
    }
}
