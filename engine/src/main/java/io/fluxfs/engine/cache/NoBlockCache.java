package io.fluxfs.engine.cache;

import java.nio.ByteBuffer;
import java.util.Map;

/** The cache of a mount without a cache directory. */
final class NoBlockCache implements BlockCache {
    private final int blockSize;

    NoBlockCache(int blockSize) {
        this.blockSize = blockSize;
    }

    @Override
    public int get(ObjectId id, long block, ByteBuffer dst) {
        return -1;
    }

    @Override
    public boolean contains(ObjectId id, long block) {
        return false;
    }

    @Override
    public void put(ObjectId id, long block, ByteBuffer src) {
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public Map<String, Long> stats() {
        return Map.of();
    }

    @Override
    public void close() {
    }
}
