package io.fluxfs.engine.cache;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fixed-size blocks of object versions, kept on local disk across mounts. Block {@code n} of an
 * object holds its bytes {@code [n * blockSize, (n + 1) * blockSize)} (shorter only for the last
 * block). Best effort: a put may be dropped, and a get misses rather than return a block it cannot
 * prove intact. Methods do blocking file I/O: call them on engine threads, never on store or
 * Reactor non-blocking threads. Thread-safe.
 */
public interface BlockCache extends AutoCloseable {

    /**
     * Copies block {@code block} of {@code id} into {@code dst} (cleared first; on a hit position 0,
     * limit = the block's length) and returns its length, or -1 on a miss (absent, evicted, or found
     * corrupt, in which case it is dropped).
     */
    int get(ObjectId id, long block, ByteBuffer dst);

    /** True if the block is in the index (it may still turn out corrupt on {@link #get}). */
    boolean contains(ObjectId id, long block);

    /** Stores a complete block: the bytes from {@code src}'s position to its limit (not moved). */
    void put(ObjectId id, long block, ByteBuffer src);

    int blockSize();

    /** Counters: hits, misses, corrupt blocks dropped, evictions, blocks held, capacity in blocks. */
    Map<String, Long> stats();

    /** Flushes nothing (data is written through), releases the files. Idempotent. */
    @Override
    void close();

    /** A cache that holds nothing: every get misses. */
    static BlockCache none(int blockSize) {
        return new NoBlockCache(blockSize);
    }

    /**
     * The persistent cache in {@code dir}: a Chronicle Map index and a slab file of blocks, together at
     * most {@code maxBytes} on disk. Reopening the same directory finds the blocks stored before; a
     * directory whose files are damaged or were made with another block size starts empty.
     *
     * @throws IllegalStateException if another process (or cache in this one) holds the directory
     */
    static BlockCache open(Path dir, long maxBytes, int blockSize) {
        return SlabBlockCache.open(dir, maxBytes, blockSize);
    }
}
