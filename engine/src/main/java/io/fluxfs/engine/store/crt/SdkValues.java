package io.fluxfs.engine.store.crt;

import io.fluxfs.engine.store.ByteRange;
import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.ObjectMeta;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** Turns SDK responses into the port's records. Pure functions, no I/O. */
final class SdkValues {

    private SdkValues() {
    }

    static ObjectMeta meta(String key, HeadObjectResponse r) {
        return new ObjectMeta(key, orZero(r.contentLength()), ETag.of(r.eTag()), orEpoch(r.lastModified()),
                r.contentType(), lowerCase(r.metadata()));
    }

    static ObjectMeta meta(String key, GetObjectResponse r, long objectSize) {
        return new ObjectMeta(key, objectSize, ETag.of(r.eTag()), orEpoch(r.lastModified()), r.contentType(),
                lowerCase(r.metadata()));
    }

    /** User metadata names are case-insensitive in HTTP; the port promises lower case. */
    static Map<String, String> lowerCase(Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>(metadata.size() * 2);
        metadata.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    /**
     * The total from {@code Content-Range: bytes a-b/total}, or -1 when the header is absent or the
     * total unknown ({@code *}).
     */
    static long totalFromContentRange(String contentRange) {
        if (contentRange == null) {
            return -1;
        }
        int slash = contentRange.lastIndexOf('/');
        if (slash < 0 || slash == contentRange.length() - 1) {
            return -1;
        }
        String total = contentRange.substring(slash + 1).strip();
        if ("*".equals(total)) {
            return -1;
        }
        try {
            return Long.parseLong(total);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The part of a whole object a range asks for, clipped to its end; for a server that ignored the
     * Range header and sent everything. Returns null when the range starts at or past the end.
     */
    static ByteRange clip(ByteRange range, long size) {
        if (range.start() >= size) {
            return null;
        }
        return ByteRange.of(range.start(), Math.min(range.length(), size - range.start()));
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static Instant orEpoch(Instant t) {
        return t == null ? Instant.EPOCH : t;
    }
}
