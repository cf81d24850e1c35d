package io.fluxfs.engine.cache;

import io.fluxfs.engine.store.ETag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlabBlockCacheTest {
    static final int BS = 64 << 10;
    static final ObjectId A = ObjectId.of("dir/a", new ETag("e1"));

    @TempDir
    Path dir;

    static ByteBuffer block(long seed, int len) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return ByteBuffer.wrap(b);
    }

    static void assertHit(BlockCache c, ObjectId id, long block, ByteBuffer expected) {
        ByteBuffer dst = ByteBuffer.allocateDirect(BS);
        assertEquals(expected.remaining(), c.get(id, block, dst), "hit of block " + block);
        assertEquals(expected, dst, "bytes of block " + block);
    }

    static void assertMiss(BlockCache c, ObjectId id, long block) {
        assertEquals(-1, c.get(id, block, ByteBuffer.allocateDirect(BS)), "miss of block " + block);
    }

    BlockCache open(long size) {
        return BlockCache.open(dir, size, BS);
    }

    @Test
    void putThenGetRoundTripsAndShortLastBlocksKeepTheirLength() {
        try (BlockCache c = open(16L << 20)) {
            c.put(A, 0, block(0, BS));
            c.put(A, 1, block(1, 1000));
            assertHit(c, A, 0, block(0, BS));
            assertHit(c, A, 1, block(1, 1000));
            assertMiss(c, A, 2);
        }
    }

    @Test
    void anotherEtagOfTheSameKeyIsAMiss() {
        try (BlockCache c = open(16L << 20)) {
            c.put(A, 0, block(0, BS));
            assertMiss(c, ObjectId.of("dir/a", new ETag("e2")), 0);
            assertMiss(c, ObjectId.of("dir/b", new ETag("e1")), 0);
        }
    }

    @Test
    void blocksSurviveReopening() {
        try (BlockCache c = open(16L << 20)) {
            for (int i = 0; i < 10; i++) {
                c.put(A, i, block(i, BS));
            }
        }
        try (BlockCache c = open(16L << 20)) {
            for (int i = 0; i < 10; i++) {
                assertHit(c, A, i, block(i, BS));
            }
            assertEquals(10L, c.stats().get("cache.blocks"));
        }
    }

    @Test
    void blocksSurviveACrashWithoutClose() throws IOException {
        BlockCache c = open(16L << 20);
        c.put(A, 3, block(3, BS));
        // A crash: the process dies holding the lock and without the clean-shutdown marker.
        Files.deleteIfExists(dir.resolve(SlabBlockCache.CLEAN));
        ((SlabBlockCache) c).closeForCrashTest();
        try (BlockCache again = open(16L << 20)) {
            assertHit(again, A, 3, block(3, BS));
        }
    }

    @Test
    void aCorruptedBlockIsDetectedDroppedAndCanBeStoredAgain() throws IOException {
        try (BlockCache c = open(16L << 20)) {
            c.put(A, 0, block(0, BS));
            c.put(A, 1, block(1, BS));
        }
        flipEveryByteAt(dir.resolve(SlabBlockCache.SLAB), 0, 100);
        try (BlockCache c = open(16L << 20)) {
            // Which slot holds which block is the cache's business: one of the two is now corrupt.
            int hits = 0;
            for (int i = 0; i < 2; i++) {
                ByteBuffer dst = ByteBuffer.allocateDirect(BS);
                if (c.get(A, i, dst) >= 0) {
                    assertEquals(block(i, BS), dst);
                    hits++;
                } else {
                    c.put(A, i, block(i, BS));
                    assertHit(c, A, i, block(i, BS));
                }
            }
            assertEquals(1, hits);
            assertEquals(1L, c.stats().get("cache.corrupt_dropped"));
        }
    }

    @Test
    void aTruncatedSlabLosesOnlyTheCutBlocks() throws IOException {
        try (BlockCache c = open(16L << 20)) {
            for (int i = 0; i < 8; i++) {
                c.put(A, i, block(i, BS));
            }
        }
        try (FileChannel ch = FileChannel.open(dir.resolve(SlabBlockCache.SLAB), StandardOpenOption.WRITE)) {
            ch.truncate(4L * BS + 10);
        }
        try (BlockCache c = open(16L << 20)) {
            int hits = 0;
            for (int i = 0; i < 8; i++) {
                ByteBuffer dst = ByteBuffer.allocateDirect(BS);
                if (c.get(A, i, dst) >= 0) {
                    assertEquals(block(i, BS), dst);
                    hits++;
                }
            }
            assertEquals(4, hits);
        }
    }

    @Test
    void aDamagedIndexStartsTheCacheEmptyAndUsable() throws IOException {
        try (BlockCache c = open(16L << 20)) {
            c.put(A, 0, block(0, BS));
        }
        Path index = dir.resolve(SlabBlockCache.INDEX);
        try (FileChannel ch = FileChannel.open(index, StandardOpenOption.WRITE)) {
            ch.truncate(100);
        }
        try (BlockCache c = open(16L << 20)) {
            assertMiss(c, A, 0);
            c.put(A, 0, block(7, BS));
            assertHit(c, A, 0, block(7, BS));
        }
    }

    @Test
    void garbageInTheIndexNeverServesWrongBytes() throws IOException {
        try (BlockCache c = open(16L << 20)) {
            for (int i = 0; i < 8; i++) {
                c.put(A, i, block(i, BS));
            }
        }
        Path index = dir.resolve(SlabBlockCache.INDEX);
        long n = Files.size(index);
        Random r = new Random(42);
        try (FileChannel ch = FileChannel.open(index, StandardOpenOption.WRITE)) {
            for (int i = 0; i < 200; i++) {
                ch.write(ByteBuffer.wrap(new byte[] {(byte) r.nextInt()}), (long) (r.nextDouble() * n));
            }
        }
        try (BlockCache c = open(16L << 20)) {
            for (int i = 0; i < 8; i++) {
                ByteBuffer dst = ByteBuffer.allocateDirect(BS);
                if (c.get(A, i, dst) >= 0) {
                    assertEquals(block(i, BS), dst, "a hit must have the right bytes");
                }
            }
        }
    }

    @Test
    void theCacheNeverExceedsItsSize() throws IOException {
        long max = 4L << 20;
        try (BlockCache c = open(max)) {
            long capacity = c.stats().get("cache.capacity_blocks");
            assertTrue(capacity >= 8, "capacity " + capacity);
            for (int i = 0; i < 500; i++) {
                c.put(A, i, block(i, BS));
                assertTrue(c.stats().get("cache.blocks") <= capacity);
                assertTrue(diskUse() <= max, "cache uses " + diskUse() + " > " + max);
            }
            assertEquals(capacity, c.stats().get("cache.blocks"));
            assertTrue(c.stats().get("cache.evictions") >= 500 - capacity);
            assertHit(c, A, 499, block(499, BS));
        }
    }

    @Test
    void clockKeepsBlocksThatAreReadAgainOverAScan() {
        try (BlockCache c = open(2L << 20)) {
            long capacity = c.stats().get("cache.capacity_blocks");
            ObjectId hot = ObjectId.of("hot", new ETag("h"));
            c.put(hot, 0, block(-1, BS));
            assertHit(c, hot, 0, block(-1, BS));
            ObjectId scan = ObjectId.of("scan", new ETag("s"));
            for (int i = 0; i < capacity - 1; i++) {
                c.put(scan, i, block(i, BS));
            }
            // The cache is full; the next put evicts. The hot block's reference bit saves it once.
            c.put(scan, capacity, block(capacity, BS));
            assertHit(c, hot, 0, block(-1, BS));
            assertMiss(c, scan, 0);
        }
    }

    @Test
    void aSecondCacheOnTheSameDirectoryIsRefused() {
        try (BlockCache c = open(16L << 20)) {
            assertThrows(IllegalStateException.class, () -> open(16L << 20));
        }
    }

    @Test
    void anotherBlockSizeStartsEmpty() {
        try (BlockCache c = open(16L << 20)) {
            c.put(A, 0, block(0, BS));
        }
        try (BlockCache c = BlockCache.open(dir, 16L << 20, BS * 2)) {
            assertEquals(-1, c.get(A, 0, ByteBuffer.allocateDirect(BS * 2)));
        }
    }

    private long diskUse() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void flipEveryByteAt(Path file, long pos, int n) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(n);
            ch.read(b, pos);
            b.flip();
            for (int i = 0; i < n; i++) {
                b.put(i, (byte) ~b.get(i));
            }
            ch.write(b, pos);
        }
    }
}
