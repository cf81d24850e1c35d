package io.fluxfs.engine.cache;

import io.fluxfs.engine.core.EngineFixture;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.OpenFlags;
import io.fluxfs.engine.store.StoreException.Verb;
import io.fluxfs.testkit.store.InMemoryObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static io.fluxfs.engine.core.EngineFixture.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The block cache behind the engine's API: hits without GETs, across remounts, never stale, never too big. */
class EngineBlockCacheTest {
    static final int MIB = 1 << 20;

    @TempDir
    Path tmp;
    final InMemoryObjectStore mem = InMemoryObjectStore.create();
    EngineFixture fx;

    EngineFixture mount(long cacheSize) {
        fx = new EngineFixture(mem, tmp.resolve("staging"), b -> b.cacheDir(tmp.resolve("cache")).cacheSize(cacheSize));
        return fx;
    }

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
        mem.assertClean();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Reads 4 KiB at each offset through one handle; checks every byte. */
    void randomReads(String path, byte[] expected, long[] offsets) {
        long h = join(fx.paths.open(path, OpenFlags.READ_ONLY));
        for (long off : offsets) {
            ByteBuffer got = join(fx.fs.read(FileSystem.BY_HANDLE, h, off, 4096));
            byte[] g = new byte[got.remaining()];
            got.get(g);
            assertArrayEquals(Arrays.copyOfRange(expected, (int) off, (int) off + 4096), g, "4 KiB at " + off);
        }
        join(fx.fs.release(FileSystem.BY_HANDLE, h));
    }

    @Test
    void repeatedRandomReadsComeFromTheCacheWithoutAGetEvenAfterARemount() {
        mount(64L * MIB);
        byte[] data = bytes(16 * MIB, 1);
        fx.write("/f", data);
        long[] offsets = new Random(2).longs(300, 0, data.length - 4096).toArray();
        randomReads("/f", data, offsets);
        assertTrue(mem.requestCount(Verb.GET) > 0, "the first pass fetches");
        mem.resetCounts();
        randomReads("/f", data, offsets);
        assertEquals(0, mem.requestCount(Verb.GET), "the second pass is served from the cache");
        fx.remount();
        mem.resetCounts();
        randomReads("/f", data, offsets);
        assertEquals(0, mem.requestCount(Verb.GET), "after a remount too");
        assertTrue(fx.fs.status().get("cache.hits") > 0);
    }

    @Test
    void aStaleBlockIsNeverServedAfterAnOutOfBandOverwrite() {
        mount(64L * MIB);
        byte[] v1 = bytes(6 * MIB, 3);
        byte[] v2 = bytes(6 * MIB, 4);
        fx.write("/f", v1);
        assertArrayEquals(v1, fx.read("/f"));
        mem.putDirect("f", v2); // same key and size, other bytes, as another client
        fx.advance(Duration.ofSeconds(10)); // past the metadata TTL: the next open sees the new ETag
        assertArrayEquals(v2, fx.read("/f"));
        mem.putDirect("f", v1);
        fx.remount();
        assertArrayEquals(v1, fx.read("/f"), "the old blocks of v1 are cached under v1's ETag; v1's new ETag differs");
        byte[] v3 = Arrays.copyOf(v1, v1.length);
        v3[5 * MIB + 17] ^= 1; // one byte in the last block
        mem.putDirect("f", v3);
        fx.remount();
        assertArrayEquals(v3, fx.read("/f"));
    }

    @Test
    void aCorruptedOrTruncatedCacheFileIsDetectedAndRebuilt() throws IOException {
        mount(64L * MIB);
        byte[] data = bytes(8 * MIB, 5);
        fx.write("/f", data);
        assertArrayEquals(data, fx.read("/f"));
        fx.fs.close();
        Path slab = tmp.resolve("cache").resolve("blocks.slab");
        try (FileChannel ch = FileChannel.open(slab, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes(4096, 6)), MIB + 100); // garbage inside the second slot
            ch.truncate(5L * MIB + 3); // and cut the file inside the sixth
        }
        fx.remount();
        mem.resetCounts();
        assertArrayEquals(data, fx.read("/f"));
        assertTrue(mem.requestCount(Verb.GET) > 0, "damaged blocks were fetched again");
        assertTrue(fx.fs.status().get("cache.corrupt_dropped") >= 2, "" + fx.fs.status());
        fx.remount();
        mem.resetCounts();
        assertArrayEquals(data, fx.read("/f"));
        assertEquals(0, mem.requestCount(Verb.GET), "the rebuilt cache serves the whole file");

        fx.fs.close();
        try (FileChannel ch = FileChannel.open(tmp.resolve("cache").resolve("index.cm"), StandardOpenOption.WRITE)) {
            ch.truncate(1000);
        }
        fx.remount();
        assertArrayEquals(data, fx.read("/f"), "a broken index starts the cache empty");
    }

    @Test
    void theCacheNeverExceedsItsConfiguredSize() throws IOException {
        long size = 12L * MIB;
        mount(size);
        for (int i = 0; i < 5; i++) {
            byte[] data = bytes(7 * MIB, 10 + i);
            fx.write("/f" + i, data);
            assertArrayEquals(data, fx.read("/f" + i));
            assertTrue(diskUse(tmp.resolve("cache")) <= size, "cache uses " + diskUse(tmp.resolve("cache")));
        }
        long held = fx.fs.status().get("cache.blocks");
        assertTrue(held <= fx.fs.status().get("cache.capacity_blocks"));
        assertTrue(fx.fs.status().get("cache.evictions") > 0);
    }

    static long diskUse(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            long sum = 0;
            for (Path p : (Iterable<Path>) s::iterator) {
                sum += Files.size(p);
            }
            return sum;
        }
    }
}
