package io.fluxfs.bench;

import io.fluxfs.engine.cache.BlockCache;
import io.fluxfs.engine.memory.BufferPool;
import io.fluxfs.engine.memory.MemoryBudget;
import io.fluxfs.engine.read.Prefetcher;
import io.fluxfs.engine.read.ReadConfig;
import io.fluxfs.engine.read.ReadWindow;
import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.testkit.store.InMemoryObjectStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Does the read window reach the store's bandwidth? One handle reads a 256 MiB object start to end in
 * 128 KiB reads (as FUSE would) through a {@link ReadWindow}, from an in-memory store throttled to a fixed
 * latency per GET ({@code latencyMs}) and one fixed bandwidth ({@code mbps}, MB/s). No block cache. The
 * score is seconds per 256 MiB; the baseline is the link itself, {@code 256 MiB / mbps} + one latency,
 * printed as "link floor" in the setup so the two can be read side by side; {@code window=1} (a window
 * that cannot grow past one request, one GET in flight) shows what a read path without prefetch gets.
 * Run:
 * <pre>
 * mvn -q -B -o -DskipTests package -pl bench -am
 * java $CHRONICLE_FLAGS -cp bench/target/classes:$(cat bench/target/classpath.txt) org.openjdk.jmh.Main PrefetchBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class PrefetchBenchmark {
    static final int MIB = 1 << 20;
    static final long SIZE = 256L * MIB;

    @Param({"20"})
    public long latencyMs;

    @Param({"400"})
    public long mbps;

    /** "full": the default window (256 MiB, 8 GETs of 8 MiB in flight); "1": one 1 MiB request at a time. */
    @Param({"full", "1"})
    public String window;

    InMemoryObjectStore mem;
    ObjectStore store;
    ScheduledExecutorService timer;
    ExecutorService exec;
    Prefetcher prefetcher;
    ETag etag;

    @Setup(Level.Trial)
    public void setUp() {
        mem = InMemoryObjectStore.create();
        byte[] data = new byte[(int) SIZE];
        new Random(1).nextBytes(data);
        etag = mem.putDirect("big", data);
        timer = Executors.newSingleThreadScheduledExecutor();
        exec = Executors.newFixedThreadPool(4);
        store = ThrottledGets.wrap(mem, TimeUnit.MILLISECONDS.toNanos(latencyMs), mbps * 1e6, timer);
        ReadConfig d = ReadConfig.defaults();
        ReadConfig cfg = window.equals("full") ? d
                : new ReadConfig(d.blockSize(), MIB, MIB, MIB, 1, d.seekBackKeep(), d.seekForwardKeep(), null, 0);
        prefetcher = new Prefetcher(store, BlockCache.none(MIB), new BufferPool(new MemoryBudget(512L * MIB), MIB), exec, cfg);
        System.out.printf("%nlink floor: %.0f ms for 256 MiB at %d MB/s + %d ms%n", SIZE / (mbps * 1e6) * 1e3 + latencyMs,
                mbps, latencyMs);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        prefetcher.close();
        exec.shutdownNow();
        timer.shutdownNow();
    }

    @Benchmark
    public long sequentialRead() throws Exception {
        ReadWindow w = prefetcher.open("big", etag, SIZE);
        long off = 0;
        while (off < SIZE) {
            ByteBuffer b = w.read(off, 128 * 1024).get();
            off += b.remaining();
        }
        w.close();
        return off;
    }
}
