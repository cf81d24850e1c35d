package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.ObjectMeta;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An object as {@link InMemoryObjectStore#snapshot()} saw it: metadata as HEAD would return it and a
 * copy of the bytes. Equality compares the bytes' contents.
 */
public record ObjectSnapshot(ObjectMeta meta, byte[] bytes) {

    public ObjectSnapshot {
        Objects.requireNonNull(meta, "meta");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectSnapshot s && meta.equals(s.meta) && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * meta.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        String head = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 16));
        return "ObjectSnapshot[" + meta + ", " + bytes.length + " bytes: " + head + (bytes.length > 16 ? "…]" : "]");
    }
}
