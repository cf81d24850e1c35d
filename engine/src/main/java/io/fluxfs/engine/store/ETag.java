package io.fluxfs.engine.store;

import java.util.Objects;

/**
 * The identity of one version of an object's content, as the store reports it, without surrounding
 * quotes. It is not a content hash for multipart objects; compare it only for equality.
 */
public record ETag(String value) {
    public ETag {
        Objects.requireNonNull(value, "value");
        value = unquote(value);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty ETag");
        }
    }

    public static ETag of(String raw) {
        return raw == null || raw.isBlank() ? null : new ETag(raw);
    }

    /** The header form, with quotes. */
    public String quoted() {
        return '"' + value + '"';
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    @Override
    public String toString() {
        return value;
    }
}
