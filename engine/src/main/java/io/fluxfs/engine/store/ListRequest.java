package io.fluxfs.engine.store;

/**
 * One ListObjectsV2 call.
 *
 * @param delimiter         usually {@code "/"}, or {@code null} for a flat listing
 * @param continuationToken from the previous page, or {@code null} for the first
 * @param maxKeys           1..1000
 */
public record ListRequest(String prefix, String delimiter, String continuationToken, int maxKeys) {
    public ListRequest {
        prefix = prefix == null ? "" : prefix;
        if (maxKeys < 1 || maxKeys > 1000) {
            throw new IllegalArgumentException("maxKeys " + maxKeys + " is outside 1..1000");
        }
    }

    public static ListRequest directory(String prefix, String token) {
        return new ListRequest(prefix, "/", token, 1000);
    }

    public ListRequest next(String token) {
        return new ListRequest(prefix, delimiter, token, maxKeys);
    }
}
