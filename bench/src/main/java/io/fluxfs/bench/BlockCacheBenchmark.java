package io.fluxfs.bench;

import io.fluxfs.engine.cache.BlockCache;
import io.fluxfs.engine.cache.ObjectId;
import io.fluxfs.engine.store.ETag;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
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
 * The block cache's hit path and put path, one block per operation, for the two layouts the read
 * path could use, side by side in one run:
 * <ul>
 *   <li>{@code slab} — the engine's {@link BlockCache}: Chronicle Map index, payload in a slab file, read
 *       into a direct buffer, CRC32C checked;</li>
 *   <li>{@code chronicle-values} — the baseline: a persisted Chronicle Map whose values are the blocks
 *       ({@code byte[]} of the block size), read with {@code getUsing} into a reused array.</li>
 * </ul>
 * 256 blocks are stored (256 MiB at 1 MiB); {@code get} reads them round-robin (all hits, page cache
 * warm), {@code put} overwrites them round-robin (the slab evicts by CLOCK, the map replaces the value).
 * Put the files on tmpfs to measure the CPU path, not the disk: {@code -Dfluxfs.bench.dir=/dev/shm}.
 * Run:
 * <pre>
 * mvn -q -B -o -DskipTests package -pl bench -am
 * java $CHRONICLE_FLAGS -cp bench/target/classes:$(cat bench/target/classpath.txt) org.openjdk.jmh.Main \
 *      BlockCacheBenchmark -jvmArgsAppend "$CHRONICLE_FLAGS -Dfluxfs.bench.dir=/dev/shm"
 * </pre>
 * Figures are bytes per second = ops/s × blockSize.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BlockCacheBenchmark {
    static final int BLOCKS = 256;

    @Param({"slab", "chronicle-values"})
    public String layout;

    @Param({"1048576"})
    public int blockSize;

    Path dir;
    BlockCache cache;
    ChronicleMap<Long, byte[]> map;
    final ObjectId id = ObjectId.of("bench/object", new ETag("etag"));
    ByteBuffer src;
    ByteBuffer dst;
    byte[] using;
    long next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory(Path.of(System.getProperty("fluxfs.bench.dir", System.getProperty("java.io.tmpdir"))),
                "cachebench-");
        byte[] b = new byte[blockSize];
        new Random(1).nextBytes(b);
        src = ByteBuffer.allocateDirect(blockSize).put(b).flip();
        dst = ByteBuffer.allocateDirect(blockSize);
        using = new byte[blockSize];
        if (layout.equals("slab")) {
            cache = BlockCache.open(dir, (long) (BLOCKS + 8) * blockSize, blockSize);
            for (int i = 0; i < BLOCKS; i++) {
                cache.put(id, i, src);
            }
        } else {
            map = ChronicleMapBuilder.of(Long.class, byte[].class)
                    .entries(BLOCKS)
                    .constantValueSizeBySample(new byte[blockSize])
                    .createPersistedTo(dir.resolve("values.cm").toFile());
            for (long i = 0; i < BLOCKS; i++) {
                map.put(i, b);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (cache != null) {
            cache.close();
        }
        if (map != null) {
            map.close();
        }
        ReadThroughputCheck.deleteTree(dir);
    }

    @Benchmark
    public int get() {
        long i = next++ % BLOCKS;
        if (cache != null) {
            int n = cache.get(id, i, dst);
            if (n != blockSize) {
                throw new IllegalStateException("miss of block " + i);
            }
            return dst.get(n - 1);
        }
        byte[] v = map.getUsing(i, using);
        return v[blockSize - 1];
    }

    @Benchmark
    public int put() {
        long i = BLOCKS + next++;
        if (cache != null) {
            cache.put(id, i, src);
            return 1;
        }
        src.duplicate().get(using);
        map.put(i % BLOCKS, using);
        return 1;
    }
}
