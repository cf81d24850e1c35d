package io.fluxfs.testkit.model;

import io.fluxfs.engine.fs.FsError;

import java.util.Objects;

/**
 * What one operation gave: success (with a value for queries such as readlink) or one error.
 *
 * @param error the error, or null on success
 * @param value what a query returned (a symlink target, an xattr value in hex), or null
 */
public record Outcome(FsError error, String value) {
    public static final Outcome OK = new Outcome(null, null);

    public static Outcome of(FsError error) {
        return new Outcome(Objects.requireNonNull(error, "error"), null);
    }

    public static Outcome ok(String value) {
        return new Outcome(null, value);
    }

    public boolean failed() {
        return error != null;
    }

    @Override
    public String toString() {
        return error != null ? error.name() : value == null ? "OK" : "OK(" + value + ")";
    }
}
