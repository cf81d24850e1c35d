package io.fluxfs.bench;

import io.fluxfs.engine.core.Engine;
import io.fluxfs.engine.core.EngineConfig;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.OpenFlags;
import io.fluxfs.engine.fs.PathFileSystem;
import io.fluxfs.engine.store.ByteRange;
import io.fluxfs.engine.store.CompletedPart;
import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.testkit.s3.EmbeddedS3;
import io.fluxfs.testkit.s3.TestBucket;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.fluxfs.testkit.s3.TestBucket.await;

/**
 * The read path's acceptance check, side by side in one run: sequential read of one large object
 * (1 GiB by default) from the embedded S3 server (S3Proxy, file store on tmpfs so the server is not
 * disk-bound and the heap stays small) by
 * <ol>
 *   <li>the raw CRT object store: 8 MiB ranged GETs, 8 in flight (the baseline);</li>
 *   <li>the engine API, cold cache (an empty cache directory), 128 KiB reads as FUSE would issue;</li>
 *   <li>the engine API after a remount, everything in the block cache (warm), GETs counted.</li>
 * </ol>
 * Prints each round and the median of the ratios. Run:
 * <pre>
 * mvn -q -B -o -DskipTests package -pl bench -am
 * java -Xmx2g $CHRONICLE_FLAGS -cp bench/target/classes:$(cat bench/target/classpath.txt) \
 *      io.fluxfs.bench.ReadThroughputCheck [sizeMiB=1024] [rounds=3] [tmpfsDir=/dev/shm]
 * </pre>
 */
public final class ReadThroughputCheck {
    static final int MIB = 1 << 20;

    public static void main(String[] args) throws Exception {
        long sizeMiB = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path base = Files.createTempDirectory(Path.of(args.length > 2 ? args[2] : "/dev/shm"), "fluxfs-readcheck-");
        long size = sizeMiB * MIB;
        List<double[]> results = new ArrayList<>();
        try (EmbeddedS3 s3 = EmbeddedS3.onDisk(base.resolve("s3"), 0);
             TestBucket bucket = TestBucket.create(s3.endpoint())) {
            ObjectStore store = bucket.store();
            upload(store, "big", size);
            System.out.printf("object: %d MiB in %s (tmpfs), %d cores%n", sizeMiB, base, Runtime.getRuntime().availableProcessors());
            for (int r = 1; r <= rounds; r++) {
                double raw = rawParallelGets(store, "big", size);
                Path cache = base.resolve("cache-" + r);
                EngineConfig cfg = EngineConfig.builder(base.resolve("staging")).cacheDir(cache)
                        .cacheSize(size + (256L << 20)).build();
                double cold;
                try (FileSystem fs = Engine.open(store, cfg)) {
                    cold = engineRead(fs, "/big", size);
                }
                double warm;
                long gets;
                try (FileSystem fs = Engine.open(store, cfg)) {
                    warm = engineRead(fs, "/big", size);
                    gets = fs.status().getOrDefault("read.gets", -1L);
                }
                deleteTree(cache);
                System.out.printf("round %d: raw CRT %.0f MB/s | engine cold %.0f MB/s (%.2fx raw) | engine warm %.0f MB/s, %d GETs%n",
                        r, raw / 1e6, cold / 1e6, cold / raw, warm / 1e6, gets);
                results.add(new double[] {raw, cold, cold / raw, warm});
            }
        } finally {
            deleteTree(base);
        }
        System.out.printf("median: raw %.0f MB/s, engine cold %.0f MB/s, ratio %.2f, warm %.0f MB/s%n",
                median(results, 0) / 1e6, median(results, 1) / 1e6, median(results, 2), median(results, 3) / 1e6);
    }

    static double median(List<double[]> rs, int i) {
        double[] v = rs.stream().mapToDouble(a -> a[i]).sorted().toArray();
        return v[v.length / 2];
    }

    /** Multipart upload in 64 MiB parts of pseudo-random bytes (S3Proxy refuses bodies over 128 MiB). */
    static void upload(ObjectStore store, String key, long size) {
        String id = await(store.createMultipartUpload(key, ObjectAttributes.NONE));
        List<CompletedPart> parts = new ArrayList<>();
        Random rnd = new Random(1);
        long part = 64L * MIB;
        for (int n = 1; (long) (n - 1) * part < size; n++) {
            byte[] b = new byte[(int) Math.min(part, size - (n - 1) * part)];
            rnd.nextBytes(b);
            parts.add(await(store.uploadPart(key, id, n, ByteBuffer.wrap(b))));
        }
        await(store.completeMultipartUpload(key, id, parts));
    }

    /** Bytes per second of 8 MiB ranged GETs, 8 in flight, straight on the store. */
    static double rawParallelGets(ObjectStore store, String key, long size) {
        long req = 8L * MIB;
        long t0 = System.nanoTime();
        Long bytes = Flux.range(0, (int) ((size + req - 1) / req))
                .flatMap(i -> Mono.fromFuture(() -> store.get(key, ByteRange.of(i * req, Math.min(req, size - i * req)), null))
                        .map(r -> (long) r.data().remaining()), 8, 1)
                .reduce(0L, Long::sum).block();
        double s = (System.nanoTime() - t0) / 1e9;
        if (bytes == null || bytes != size) {
            throw new IllegalStateException("raw read got " + bytes + " bytes of " + size);
        }
        return size / s;
    }

    /** Bytes per second of one handle reading the file start to end in 128 KiB reads. */
    static double engineRead(FileSystem fs, String path, long size) throws Exception {
        PathFileSystem paths = new PathFileSystem(fs);
        long t0 = System.nanoTime();
        long h = paths.open(path, OpenFlags.READ_ONLY).get();
        long off = 0;
        while (true) {
            ByteBuffer b = fs.read(FileSystem.BY_HANDLE, h, off, 128 * 1024).get();
            if (!b.hasRemaining()) {
                break;
            }
            off += b.remaining();
        }
        fs.release(FileSystem.BY_HANDLE, h).get();
        double s = (System.nanoTime() - t0) / 1e9;
        if (off != size) {
            throw new IllegalStateException("engine read " + off + " bytes of " + size);
        }
        return size / s;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        }
    }

    private ReadThroughputCheck() {
    }
}
