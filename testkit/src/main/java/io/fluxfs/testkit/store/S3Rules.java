package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.engine.store.StoreException.Kind;
import io.fluxfs.engine.store.StoreException.Verb;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The request checks real S3 makes, shared by the in-memory store's verbs. Each throws a StoreException. */
final class S3Rules {

    /** S3's default Content-Type when a writer sets none. */
    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
    /** User metadata limit: UTF-8 bytes of all names (without {@code x-amz-meta-}) and values together. */
    static final int MAX_USER_METADATA_BYTES = 2048;

    private S3Rules() {
    }

    /** Non-empty, well-formed UTF-16 (so it has a UTF-8 form), at most 1024 UTF-8 bytes. */
    static void checkKey(Verb verb, String key) {
        if (key == null || key.isEmpty()) {
            throw StoreErrors.of(Kind.INVALID_REQUEST, verb, key, "empty key");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw StoreErrors.of(Kind.INVALID_REQUEST, verb, key, "key has an unpaired surrogate at index " + i);
            }
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > ObjectStore.MAX_KEY_BYTES) {
            throw StoreErrors.of(Kind.INVALID_REQUEST, verb, abbreviate(key),
                    "KeyTooLongError: " + bytes + " UTF-8 bytes > " + ObjectStore.MAX_KEY_BYTES);
        }
    }

    /** Names lower-cased (as S3 returns them), total size checked. {@code null} means no attributes. */
    static Map<String, String> userMetadata(Verb verb, String key, ObjectAttributes attributes) {
        if (attributes == null) {
            return Map.of();
        }
        Map<String, String> lower = new TreeMap<>();
        int bytes = 0;
        for (Map.Entry<String, String> e : attributes.userMetadata().entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            lower.put(name, e.getValue());
            bytes += name.getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_USER_METADATA_BYTES) {
            throw StoreErrors.of(Kind.INVALID_REQUEST, verb, key,
                    "MetadataTooLarge: user metadata is " + bytes + " bytes > " + MAX_USER_METADATA_BYTES);
        }
        return Map.copyOf(lower);
    }

    static String contentType(ObjectAttributes attributes) {
        return attributes == null || attributes.contentType() == null ? DEFAULT_CONTENT_TYPE : attributes.contentType();
    }

    static void checkPartNumber(Verb verb, String key, int partNumber) {
        if (partNumber < 1 || partNumber > ObjectStore.MAX_PARTS) {
            throw StoreErrors.of(Kind.INVALID_REQUEST, verb, key,
                    "InvalidArgument: part number " + partNumber + " is outside 1.." + ObjectStore.MAX_PARTS);
        }
    }

    static void checkSingleRequestSize(Verb verb, String key, long size) {
        if (size > ObjectStore.MAX_PART_SIZE) {
            throw StoreErrors.of(Kind.INVALID_REQUEST, verb, key,
                    "EntityTooLarge: " + size + " bytes > " + ObjectStore.MAX_PART_SIZE);
        }
    }

    private static String abbreviate(String key) {
        return key.length() <= 64 ? key : key.substring(0, 64) + "…(" + key.length() + " chars)";
    }
}
