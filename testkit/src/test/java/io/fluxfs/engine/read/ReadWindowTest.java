package io.fluxfs.engine.read;

import io.fluxfs.engine.cache.BlockCache;
import io.fluxfs.engine.memory.BufferPool;
import io.fluxfs.engine.memory.MemoryBudget;
import io.fluxfs.engine.store.ByteRange;
import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.engine.store.StoreException;
import io.fluxfs.testkit.store.InMemoryObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The read window's policy, against the strict in-memory store, counting every GET and its range. */
class ReadWindowTest {
    static final int MIB = 1 << 20;
    static final int KIB = 1 << 10;

    final InMemoryObjectStore mem = InMemoryObjectStore.create();
    final List<ByteRange> gets = new CopyOnWriteArrayList<>();
    final ObjectStore store = recording(mem, gets);
    final ExecutorService exec = Executors.newFixedThreadPool(4);
    Prefetcher prefetcher;

    Prefetcher prefetcher(long budget) {
        prefetcher = new Prefetcher(store, BlockCache.none(MIB), new BufferPool(new MemoryBudget(budget), MIB), exec,
                ReadConfig.defaults());
        return prefetcher;
    }

    @AfterEach
    void tearDown() {
        if (prefetcher != null) {
            prefetcher.close();
            assertEquals(0, prefetcher.pool.budget().used(), "every buffer went back to the pool");
        }
        exec.shutdownNow();
        mem.assertClean();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static ByteBuffer join(java.util.concurrent.CompletableFuture<ByteBuffer> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void assertBytes(byte[] all, long offset, ByteBuffer got) {
        byte[] g = new byte[got.remaining()];
        got.get(g);
        assertArrayEquals(Arrays.copyOfRange(all, (int) offset, (int) offset + g.length), g, "bytes at " + offset);
    }

    ReadWindow window(String key, byte[] content) {
        ETag e = mem.putDirect(key, content);
        return prefetcher.open(key, e, content.length);
    }

    @Test
    void firstGetIsOneMibPlus128KibThenRequestsGrowWhileSequential() {
        prefetcher(512L * MIB);
        byte[] data = bytes(64 * MIB, 1);
        ReadWindow w = window("big", data);
        for (long off = 0; off < data.length; off += 128 * KIB) {
            assertBytes(data, off, join(w.read(off, 128 * KIB)));
        }
        assertEquals(ByteRange.of(0, MIB + 128 * KIB), gets.get(0), "the first GET");
        long max = gets.stream().mapToLong(ByteRange::length).max().orElseThrow();
        assertEquals(8L * MIB, max, "GETs grow to the request size");
        assertTrue(gets.size() <= 16, "64 MiB in " + gets.size() + " GETs: " + gets);
        assertEquals(data.length, gets.stream().mapToLong(ByteRange::length).sum(), "no byte fetched twice");
        assertEquals(0, prefetcher.resets.sum());
        w.close();
    }

    @Test
    void smallRandomReadsKeepRequestsToOneBlock() {
        prefetcher(512L * MIB);
        byte[] data = bytes(64 * MIB, 2);
        ReadWindow w = window("rand", data);
        Random r = new Random(3);
        for (int i = 0; i < 50; i++) {
            long off = r.nextInt(data.length - 4 * KIB);
            assertBytes(data, off, join(w.read(off, 4 * KIB)));
        }
        for (ByteRange g : gets) {
            assertTrue(g.length() <= 2L * MIB, "a random 4 KiB read fetched " + g);
        }
        assertTrue(prefetcher.resets.sum() >= 40, "resets " + prefetcher.resets.sum());
        w.close();
    }

    @Test
    void aShortSeekKeepsTheWindowAndAFarOneResetsIt() {
        prefetcher(512L * MIB);
        byte[] data = bytes(64 * MIB, 4);
        ReadWindow w = window("seek", data);
        for (long off = 0; off < 4 * MIB; off += 128 * KIB) {
            join(w.read(off, 128 * KIB));
        }
        assertBytes(data, 4 * MIB - 512 * KIB, join(w.read(4 * MIB - 512 * KIB, 128 * KIB))); // back 640 KiB
        assertBytes(data, 6 * MIB, join(w.read(6 * MIB, 128 * KIB))); // forward ~2 MiB
        assertEquals(0, prefetcher.resets.sum(), "short seeks keep the window");
        int before = gets.size();
        assertBytes(data, 512 * KIB, join(w.read(512 * KIB, 128 * KIB))); // back ~5.6 MiB: behind the window
        assertEquals(1, prefetcher.resets.sum(), "a far seek resets the window");
        ByteRange first = gets.get(before);
        assertEquals(0L, first.start());
        assertTrue(first.length() <= MIB, "after a reset the request is small again: " + first);
        w.close();
    }

    @org.junit.jupiter.api.RepeatedTest(20) // the race it guards against showed in 16% of runs
    void anOverwriteBehindTheWindowFailsWithPreconditionNotMixedBytes() {
        prefetcher(512L * MIB);
        byte[] old = bytes(32 * MIB, 5);
        ReadWindow w = window("ow", old);
        assertBytes(old, 0, join(w.read(0, 128 * KIB)));
        mem.putDirect("ow", bytes(32 * MIB, 6));
        try {
            for (long off = 128 * KIB; off < old.length; off += 128 * KIB) {
                assertBytes(old, off, join(w.read(off, 128 * KIB)));
            }
            fail("the overwrite was never noticed");
        } catch (StoreException e) {
            assertEquals(StoreException.Kind.PRECONDITION_FAILED, e.kind());
        }
        w.close();
    }

    @Test
    void aFullBudgetShrinksPrefetchButReadsStillComplete() {
        prefetcher(2L * MIB); // two blocks for everything
        byte[] data = bytes(24 * MIB, 7);
        ReadWindow a = window("a", data);
        ReadWindow b = window("b", data);
        for (long off = 0; off < data.length; off += 128 * KIB) {
            assertBytes(data, off, join(a.read(off, 128 * KIB)));
            assertBytes(data, off, join(b.read(off, 128 * KIB)));
            assertTrue(prefetcher.pool.budget().used() <= 2L * MIB);
        }
        assertTrue(prefetcher.shrinks.sum() + prefetcher.unbufferedReads.sum() > 0, "the budget was never full?");
        a.close();
        b.close();
    }

    @Test
    void readsPastTheEndAndOfTheLastPartialBlockAreExact() {
        prefetcher(64L * MIB);
        byte[] data = bytes(3 * MIB + 12345, 8);
        ReadWindow w = window("tail", data);
        assertBytes(data, 3 * MIB, join(w.read(3 * MIB, 128 * KIB)));
        assertEquals(12345, join(w.read(3 * MIB, 128 * KIB)).remaining());
        assertEquals(0, join(w.read(data.length, 4096)).remaining());
        assertBytes(data, 0, join(w.read(0, data.length)));
        w.close();
    }

    @Test
    void closingAWindowWithFetchesInFlightReturnsEveryBuffer() {
        prefetcher(512L * MIB);
        byte[] data = bytes(64 * MIB, 9);
        ReadWindow w = window("inflight", data);
        for (long off = 0; off < 8 * MIB; off += 128 * KIB) {
            join(w.read(off, 128 * KIB));
        }
        w.close(); // the window is wide now: fetches are in flight; tearDown checks the budget is back to 0
    }

    /** The store, recording the range of every GET. */
    static ObjectStore recording(ObjectStore s, List<ByteRange> gets) {
        return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("get")) {
                        gets.add((ByteRange) args[1]);
                    }
                    try {
                        return m.invoke(s, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
