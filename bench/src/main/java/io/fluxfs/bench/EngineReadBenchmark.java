package io.fluxfs.bench;

import io.fluxfs.engine.core.Engine;
import io.fluxfs.engine.core.EngineConfig;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.OpenFlags;
import io.fluxfs.engine.fs.PathFileSystem;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Engine read of a whole cached file through the {@link FileSystem} API (no FUSE): open, 128 KiB reads
 * start to end, release, of a 256 MiB object. {@code cache=warm}: every block is in the block cache
 * (filled in setup, then the engine is remounted so no window holds anything) and no GET is made;
 * baseline in the same run, {@code cache=none}: no cache, every block is a GET from the unthrottled
 * in-memory store (the price of the window alone). Score: ms per 256 MiB (GB/s = 0.268 / score in s).
 * Put the cache on tmpfs to measure the CPU path: {@code -Dfluxfs.bench.dir=/dev/shm}. Run:
 * <pre>
 * mvn -q -B -o -DskipTests package -pl bench -am
 * java $CHRONICLE_FLAGS -cp bench/target/classes:$(cat bench/target/classpath.txt) org.openjdk.jmh.Main \
 *      EngineReadBenchmark -jvmArgsAppend "$CHRONICLE_FLAGS -Dfluxfs.bench.dir=/dev/shm"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class EngineReadBenchmark {
    static final long SIZE = 256L << 20;

    @Param({"warm", "none"})
    public String cache;

    Path dir;
    InMemoryObjectStore store;
    FileSystem fs;
    PathFileSystem paths;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory(Path.of(System.getProperty("fluxfs.bench.dir", System.getProperty("java.io.tmpdir"))),
                "enginebench-");
        store = InMemoryObjectStore.create();
        byte[] data = new byte[(int) SIZE];
        new Random(1).nextBytes(data);
        store.putDirect("big", data);
        EngineConfig.Builder b = EngineConfig.builder(dir.resolve("staging"));
        if (cache.equals("warm")) {
            b.cacheDir(dir.resolve("cache")).cacheSize(SIZE + (64L << 20));
        }
        EngineConfig cfg = b.build();
        fs = Engine.open(store, cfg);
        readAll(new PathFileSystem(fs), fs);
        fs.close();
        fs = Engine.open(store, cfg);
        paths = new PathFileSystem(fs);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (cache.equals("warm") && fs.status().get("read.gets") != 0) {
            throw new IllegalStateException("a warm read made GETs: " + fs.status());
        }
        fs.close();
        store.close();
        ReadThroughputCheck.deleteTree(dir);
    }

    @Benchmark
    public long readWholeFile() throws Exception {
        return readAll(paths, fs);
    }

    static long readAll(PathFileSystem paths, FileSystem fs) throws Exception {
        long h = paths.open("/big", OpenFlags.READ_ONLY).get();
        long off = 0;
        while (true) {
            ByteBuffer b = fs.read(FileSystem.BY_HANDLE, h, off, 128 * 1024).get();
            if (!b.hasRemaining()) {
                break;
            }
            off += b.remaining();
        }
        fs.release(FileSystem.BY_HANDLE, h).get();
        if (off != SIZE) {
            throw new IllegalStateException("read " + off + " of " + SIZE);
        }
        return off;
    }
}
