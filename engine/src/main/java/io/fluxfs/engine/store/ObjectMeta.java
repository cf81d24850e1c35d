package io.fluxfs.engine.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What HEAD (or GET) says of an object.
 *
 * @param userMetadata {@code x-amz-meta-*} headers, names lower-case without the prefix
 */
public record ObjectMeta(String key, long size, ETag etag, Instant lastModified, String contentType,
                         Map<String, String> userMetadata) {
    public ObjectMeta {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
        if (size < 0) {
            throw new IllegalArgumentException("object " + key + " has negative size " + size);
        }
    }
}
