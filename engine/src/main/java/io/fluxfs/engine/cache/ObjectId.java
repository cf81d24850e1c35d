package io.fluxfs.engine.cache;

import io.fluxfs.engine.store.ETag;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One version of one object, as the block cache names it: the first 128 bits of SHA-256 over the
 * object's key and its ETag. A different ETag gives a different id, so blocks of an overwritten
 * object can never be found under the new version. Computed once per open file, not per read.
 */
public final class ObjectId {
    static final int BYTES = 16;
    private final byte[] hash;

    private ObjectId(byte[] hash) {
        this.hash = hash;
    }

    public static ObjectId of(String key, ETag etag) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(etag, "etag");
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(key.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(etag.value().getBytes(StandardCharsets.UTF_8));
            return new ObjectId(Arrays.copyOf(d.digest(), BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The index key of block {@code block} of this object: 16 bytes of id, 8 of block number. */
    byte[] blockKey(long block) {
        return ByteBuffer.allocate(BYTES + Long.BYTES).put(hash).putLong(block).array();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectId other && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(hash);
    }
}
