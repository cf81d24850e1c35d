package io.fluxfs.engine.read;

import java.nio.file.Path;

/**
 * How read windows fetch and what the block cache keeps. Validated by {@code EngineConfig.Builder},
 * whose setters name the bad value.
 *
 * @param blockSize          cache block size, a power of two; the unit windows hold and the cache stores
 * @param firstRequest       the first GET of a sequential stream (1 MiB + 128 KiB: the kernel's 128 KiB
 *                           read-ahead past a 1 MiB read does not need a second request)
 * @param requestSize        largest single ranged GET of a window; a wider window issues several in parallel
 * @param maxWindow          how far ahead of the reader one handle may prefetch
 * @param concurrency        GETs (and cache loads) in flight per handle
 * @param seekBackKeep       a backward seek within this many bytes of the last read keeps the window
 * @param seekForwardKeep    a forward seek within this many bytes keeps the window
 * @param cacheDir           directory of the persistent block cache, or null for none
 * @param cacheSize          bytes the cache may use on disk (index and blocks together)
 */
public record ReadConfig(int blockSize, long firstRequest, long requestSize, long maxWindow, int concurrency,
                         long seekBackKeep, long seekForwardKeep, Path cacheDir, long cacheSize) {

    public static final int DEFAULT_BLOCK_SIZE = 1 << 20;

    public static ReadConfig defaults() {
        return new ReadConfig(DEFAULT_BLOCK_SIZE, (1 << 20) + (128 << 10), 8L << 20, 256L << 20, 8,
                1L << 20, 4L << 20, null, 10L << 30);
    }
}
