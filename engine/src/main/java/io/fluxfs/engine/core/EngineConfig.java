package io.fluxfs.engine.core;

import io.fluxfs.engine.format.MountDefaults;
import io.fluxfs.engine.read.ReadConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Everything the engine needs to know besides its store. Build with {@link #builder(Path)}; every
 * setter validates and its message names the bad value.
 *
 * @param prefix            key prefix of the mount inside the bucket, without slashes at either end ("" for
 *                          the whole bucket)
 * @param stagingDir        local directory for files being written (created if missing, owner-only)
 * @param metadataTtl       how long attributes and listings are trusted before revalidation
 * @param partSize          multipart part size for uploads and the single-PUT threshold
 * @param uploadConcurrency parts of one file in flight at once
 * @param maxInodes         bound of the inode table; least recently used clean entries go first
 * @param clock             wall time for timestamps
 * @param ticker            monotonic nanoseconds for TTLs (tests advance it by hand)
 * @param memoryBudget      bytes of buffers all read windows (and later write buffers) may hold together
 * @param read              read windows and the block cache
 */
public record EngineConfig(String prefix, MountDefaults defaults, Path stagingDir, Duration metadataTtl,
                           long partSize, int uploadConcurrency, int maxInodes,
                           Clock clock, LongSupplier ticker, long memoryBudget, ReadConfig read) {

    public EngineConfig {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(stagingDir, "stagingDir");
        Objects.requireNonNull(metadataTtl, "metadataTtl");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(read, "read");
    }

    public static Builder builder(Path stagingDir) {
        return new Builder(stagingDir);
    }

    public long metadataTtlNanos() {
        return metadataTtl.toNanos();
    }

    /** A validating builder with sane defaults. */
    public static final class Builder {
        private String prefix = "";
        private MountDefaults defaults = new MountDefaults(0, 0, 022);
        private final Path stagingDir;
        private Duration metadataTtl = Duration.ofSeconds(5);
        private long partSize = 8L << 20;
        private int uploadConcurrency = 4;
        private int maxInodes = 1_000_000;
        private Clock clock = Clock.systemUTC();
        private LongSupplier ticker = System::nanoTime;
        private long memoryBudget = 512L << 20;
        private ReadConfig read = ReadConfig.defaults();

        private Builder(Path stagingDir) {
            this.stagingDir = Objects.requireNonNull(stagingDir, "stagingDir");
        }

        /** The key prefix inside the bucket; leading and trailing slashes are dropped. */
        public Builder prefix(String p) {
            String s = Objects.requireNonNull(p, "prefix");
            while (s.startsWith("/")) {
                s = s.substring(1);
            }
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.contains("//")) {
                throw new IllegalArgumentException("prefix '" + p + "' contains an empty path component");
            }
            this.prefix = s;
            return this;
        }

        public Builder defaults(MountDefaults d) {
            this.defaults = Objects.requireNonNull(d, "defaults");
            return this;
        }

        public Builder metadataTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("metadata TTL " + ttl + " must be zero or positive");
            }
            this.metadataTtl = ttl;
            return this;
        }

        public Builder partSize(long bytes) {
            if (bytes < (5L << 20) || bytes > (5L << 30)) {
                throw new IllegalArgumentException("part size " + bytes + " is outside S3's 5 MiB..5 GiB");
            }
            this.partSize = bytes;
            return this;
        }

        public Builder uploadConcurrency(int n) {
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("upload concurrency " + n + " is outside 1..64");
            }
            this.uploadConcurrency = n;
            return this;
        }

        public Builder maxInodes(int n) {
            if (n < 1000) {
                throw new IllegalArgumentException("max inodes " + n + " is below 1000");
            }
            this.maxInodes = n;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public Builder ticker(LongSupplier t) {
            this.ticker = Objects.requireNonNull(t, "ticker");
            return this;
        }

        /** Buffers of read windows (and later write buffers) together; at least 8 cache blocks. */
        public Builder memoryBudget(long bytes) {
            if (bytes < 8L * read.blockSize()) {
                throw new IllegalArgumentException("memory budget " + bytes + " is below 8 blocks of " + read.blockSize());
            }
            this.memoryBudget = bytes;
            return this;
        }

        /** Directory of the persistent block cache; null (the default) for none. */
        public Builder cacheDir(Path dir) {
            this.read = withRead(read.blockSize(), read.firstRequest(), read.requestSize(), read.maxWindow(),
                    read.concurrency(), dir, read.cacheSize());
            return this;
        }

        /** Disk space of the block cache, index included; it must hold at least 4 blocks. */
        public Builder cacheSize(long bytes) {
            if (bytes < 4L * read.blockSize()) {
                throw new IllegalArgumentException("cache size " + bytes + " is below 4 blocks of " + read.blockSize());
            }
            this.read = withRead(read.blockSize(), read.firstRequest(), read.requestSize(), read.maxWindow(),
                    read.concurrency(), read.cacheDir(), bytes);
            return this;
        }

        /** Cache block size: a power of two in 64 KiB..16 MiB. Set it before sizes that depend on it. */
        public Builder cacheBlockSize(int bytes) {
            if (bytes < (64 << 10) || bytes > (16 << 20) || Integer.bitCount(bytes) != 1) {
                throw new IllegalArgumentException("cache block size " + bytes + " is not a power of two in 64 KiB..16 MiB");
            }
            this.read = withRead(bytes, read.firstRequest(), Math.max(bytes, read.requestSize()),
                    Math.max(2L * bytes, read.maxWindow()), read.concurrency(), read.cacheDir(), read.cacheSize());
            return this;
        }

        /** How far ahead of a sequential reader one handle may prefetch: 1 block..16 GiB. */
        public Builder maxReadWindow(long bytes) {
            if (bytes < read.blockSize() || bytes > (16L << 30)) {
                throw new IllegalArgumentException("max read window " + bytes + " is outside one block.." + (16L << 30));
            }
            this.read = withRead(read.blockSize(), read.firstRequest(), read.requestSize(), bytes,
                    read.concurrency(), read.cacheDir(), read.cacheSize());
            return this;
        }

        /** Largest single ranged GET of a read window: one block..1 GiB. */
        public Builder readRequestSize(long bytes) {
            if (bytes < read.blockSize() || bytes > (1L << 30)) {
                throw new IllegalArgumentException("read request size " + bytes + " is outside one block..1 GiB");
            }
            this.read = withRead(read.blockSize(), read.firstRequest(), bytes, read.maxWindow(),
                    read.concurrency(), read.cacheDir(), read.cacheSize());
            return this;
        }

        /** GETs in flight per open handle: 1..64. */
        public Builder readConcurrency(int n) {
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("read concurrency " + n + " is outside 1..64");
            }
            this.read = withRead(read.blockSize(), read.firstRequest(), read.requestSize(), read.maxWindow(), n,
                    read.cacheDir(), read.cacheSize());
            return this;
        }

        private ReadConfig withRead(int blockSize, long first, long request, long window, int conc, Path dir, long cacheSize) {
            return new ReadConfig(blockSize, first, request, window, conc, read.seekBackKeep(), read.seekForwardKeep(),
                    dir, cacheSize);
        }

        public EngineConfig build() {
            if (memoryBudget < 8L * read.blockSize()) {
                throw new IllegalArgumentException("memory budget " + memoryBudget + " is below 8 blocks of " + read.blockSize());
            }
            return new EngineConfig(prefix, defaults, stagingDir, metadataTtl, partSize, uploadConcurrency,
                    maxInodes, clock, ticker, memoryBudget, read);
        }
    }
}
