package io.fluxfs.engine.store;

import java.util.Map;

/**
 * What a writer sets on an object besides its bytes.
 *
 * @param contentType  Content-Type, or {@code null} for the store's default
 * @param userMetadata {@code x-amz-meta-*} headers, names without the prefix; values must be ASCII
 */
public record ObjectAttributes(String contentType, Map<String, String> userMetadata) {
    public static final ObjectAttributes NONE = new ObjectAttributes(null, Map.of());

    public ObjectAttributes {
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
        for (Map.Entry<String, String> e : userMetadata.entrySet()) {
            if (!isAsciiPrintable(e.getKey()) || !isAsciiPrintable(e.getValue())) {
                throw new IllegalArgumentException("metadata header " + e.getKey() + " is not printable ASCII");
            }
        }
    }

    private static boolean isAsciiPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
