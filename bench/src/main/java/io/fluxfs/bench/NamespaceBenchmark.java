package io.fluxfs.bench;

import static io.fluxfs.bench.LargeDirectory.await;

import io.fluxfs.engine.fs.DirEntry;
import io.fluxfs.engine.fs.Entry;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.InodeAttr;
import io.fluxfs.engine.store.ListPage;
import io.fluxfs.engine.store.ListRequest;
import io.fluxfs.testkit.store.InMemoryObjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The namespace's per-entry costs on one directory of {@value #ENTRIES} plain objects (no
 * {@code x-amz-meta-*} headers, no marker: what another S3 tool leaves), through the engine's
 * {@link FileSystem} API over an {@link InMemoryObjectStore}, so the numbers are the engine's own CPU
 * cost with a store that answers at memory speed. Every score is nanoseconds per directory entry.
 *
 * <ul>
 *   <li>{@link #readdirCold}: the first full listing on a fresh engine (opendir, readdir in
 *       {@value LargeDirectory#READDIR_BATCH}-entry calls, releasedir): {@value #ENTRIES}/1000 LIST pages
 *       and building an inode per entry. One listing per invocation ({@code SingleShotTime}), divided by
 *       {@value #ENTRIES}. The engine is opened (and the directory looked up) before the clock starts.</li>
 *   <li>{@link #baselineStoreListOnly}: the same {@value #ENTRIES}/1000 LIST pages straight from the store,
 *       no engine — the share of {@link #readdirCold} that is the fake store's, not the engine's.</li>
 *   <li>{@link #getattrNeedingLazyHead}: getattr of an entry the listing made but whose mode and owner
 *       are not known yet: one HEAD plus the probe's one-key LIST each. {@value #LAZY_BATCH} distinct
 *       entries per invocation on a freshly listed engine, divided by {@value #LAZY_BATCH}.</li>
 *   <li>{@link #getattrCached}: getattr of an entry whose attributes are complete and fresh: no request.</li>
 *   <li>{@link #lookupWarm}: lookup of a name after the listing, with a warm dentry cache (every name has
 *       been looked up once, so its attributes are complete): no request. Names are taken in turn.</li>
 *   <li>{@link #baselineConcurrentHashMapGet}: {@code ConcurrentHashMap<String, Long>.get} over the same
 *       {@value #ENTRIES} names in the same order — the floor that {@link #lookupWarm} is compared with.
 *       The difference is the engine's own path: the name check, the freshness test and the hop of every
 *       API future to the engine's thread pool.</li>
 * </ul>
 *
 * Time does not move for these engines (a fixed ticker), so no cached entry expires during a run.
 * The request counts behind these claims (exactly 100 LISTs and no HEAD for the listing, one HEAD for
 * a lazy getattr, none when cached) are asserted in {@code NamespaceListingCostTest}, not here.
 *
 * <p>Run from the repository root (short run, one fork):
 * <pre>
 * mvn -q -B -DskipTests package -pl bench -am
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) org.openjdk.jmh.Main NamespaceBenchmark \
 *     -f 1 -wi 2 -i 3 -rf json -rff /tmp/ns.json
 * </pre>
 * No JVM flags are needed (the block cache, which needs Chronicle's flags, is not used here). Filling
 * the store and warming the engine take a few seconds per fork.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class NamespaceBenchmark {

    static final int ENTRIES = 100_000;
    /** Entries whose lazy HEAD one {@link #getattrNeedingLazyHead} invocation measures (every tenth). */
    static final int LAZY_BATCH = ENTRIES / 10;

    /** The store with the directory, filled once per fork; shared by every state below. */
    @State(Scope.Benchmark)
    public static class Store {
        InMemoryObjectStore store;
        String[] names;

        @Setup(Level.Trial)
        public void fill() {
            store = LargeDirectory.filledStore(ENTRIES);
            names = new String[ENTRIES];
            for (int i = 0; i < ENTRIES; i++) {
                names[i] = LargeDirectory.name(i);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    /** A fresh engine per invocation that has looked up the directory and nothing else. */
    @State(Scope.Thread)
    public static class ColdEngine {
        Path staging;
        FileSystem fs;
        long dir;

        @Setup(Level.Invocation)
        public void open(Store s) {
            staging = LargeDirectory.stagingDir();
            fs = LargeDirectory.openEngine(s.store, staging);
            dir = await(fs.lookup(FileSystem.ROOT, LargeDirectory.DIR)).ino();
        }

        @TearDown(Level.Invocation)
        public void close() {
            fs.close();
            LargeDirectory.deleteStaging(staging);
        }
    }

    /** A fresh engine per invocation that has listed the directory once: attributes from the listing only. */
    @State(Scope.Thread)
    public static class ListedEngine {
        Path staging;
        FileSystem fs;
        long[] lazy;

        @Setup(Level.Invocation)
        public void open(Store s) {
            staging = LargeDirectory.stagingDir();
            fs = LargeDirectory.openEngine(s.store, staging);
            long dir = await(fs.lookup(FileSystem.ROOT, LargeDirectory.DIR)).ino();
            List<DirEntry> all = LargeDirectory.listAll(fs, dir);
            lazy = new long[LAZY_BATCH];
            for (int i = 0; i < LAZY_BATCH; i++) {
                lazy[i] = all.get(i * (ENTRIES / LAZY_BATCH)).ino();
            }
        }

        @TearDown(Level.Invocation)
        public void close() {
            fs.close();
            LargeDirectory.deleteStaging(staging);
        }
    }

    /** One engine per fork that has listed the directory and looked up every name once. */
    @State(Scope.Thread)
    public static class WarmEngine {
        Path staging;
        FileSystem fs;
        long dir;
        String[] names;
        long[] inos;
        int next;

        @Setup(Level.Trial)
        public void open(Store s) {
            staging = LargeDirectory.stagingDir();
            fs = LargeDirectory.openEngine(s.store, staging);
            dir = await(fs.lookup(FileSystem.ROOT, LargeDirectory.DIR)).ino();
            LargeDirectory.listAll(fs, dir);
            names = s.names;
            inos = new long[ENTRIES];
            for (int i = 0; i < ENTRIES; i++) {
                inos[i] = await(fs.lookup(dir, names[i])).ino();
            }
        }

        int nextIndex() {
            int i = next;
            next = i + 1 == ENTRIES ? 0 : i + 1;
            return i;
        }

        @TearDown(Level.Trial)
        public void close() {
            fs.close();
            LargeDirectory.deleteStaging(staging);
        }
    }

    /** The same names in a {@code ConcurrentHashMap}, name to inode number. */
    @State(Scope.Thread)
    public static class HashMapBaseline {
        final ConcurrentHashMap<String, Long> map = new ConcurrentHashMap<>();
        String[] names;
        int next;

        @Setup(Level.Trial)
        public void fill(Store s) {
            names = s.names;
            for (int i = 0; i < ENTRIES; i++) {
                map.put(names[i], (long) i + 2);
            }
        }

        int nextIndex() {
            int i = next;
            next = i + 1 == ENTRIES ? 0 : i + 1;
            return i;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(ENTRIES)
    public int readdirCold(ColdEngine e) {
        int n = LargeDirectory.listAll(e.fs, e.dir).size();
        if (n != ENTRIES) {
            throw new IllegalStateException("listed " + n + " entries, expected " + ENTRIES);
        }
        return n;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(ENTRIES)
    public int baselineStoreListOnly(Store s) {
        int n = 0;
        String token = null;
        do {
            ListPage page = await(s.store.list(ListRequest.directory(LargeDirectory.DIR + "/", token)));
            n += page.objects().size();
            token = page.nextToken();
        } while (token != null);
        if (n != ENTRIES) {
            throw new IllegalStateException("listed " + n + " keys, expected " + ENTRIES);
        }
        return n;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(LAZY_BATCH)
    public void getattrNeedingLazyHead(ListedEngine e, Blackhole bh) {
        for (long ino : e.lazy) {
            bh.consume(await(e.fs.getattr(ino)));
        }
    }

    @Benchmark
    public InodeAttr getattrCached(WarmEngine w) {
        return await(w.fs.getattr(w.inos[w.nextIndex()]));
    }

    @Benchmark
    public Entry lookupWarm(WarmEngine w) {
        return await(w.fs.lookup(w.dir, w.names[w.nextIndex()]));
    }

    @Benchmark
    public Long baselineConcurrentHashMapGet(HashMapBaseline b) {
        return b.map.get(b.names[b.nextIndex()]);
    }
}
