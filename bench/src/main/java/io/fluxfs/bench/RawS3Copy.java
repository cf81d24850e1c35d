package io.fluxfs.bench;

import io.fluxfs.engine.store.ByteRange;
import io.fluxfs.engine.store.CompletedPart;
import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.engine.store.crt.CrtObjectStores;
import io.fluxfs.engine.store.crt.S3Config;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The baseline for "through the mount vs the raw client": copies one file to an object with the CRT
 * client at its best (explicit multipart, parts in parallel) or back (parallel ranged GETs, written
 * in order into a file), and prints MB/s and the SHA-256 of the bytes.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.fluxfs.bench.RawS3Copy \
 *     up|down ENDPOINT BUCKET KEY FILE [PART_MIB] [CONCURRENCY]
 * </pre>
 * Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
 */
public final class RawS3Copy {
    private RawS3Copy() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: RawS3Copy up|down ENDPOINT BUCKET KEY FILE [PART_MIB=8] [CONCURRENCY=16]");
            System.exit(2);
        }
        long part = (args.length > 5 ? Long.parseLong(args[5]) : 8) << 20;
        int conc = args.length > 6 ? Integer.parseInt(args[6]) : 16;
        S3Config cfg = S3Config.builder().endpoint(args[1]).pathStyle(true).bucket(args[2])
                .staticCredentials(System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"))
                .build();
        try (ObjectStore store = CrtObjectStores.open(cfg)) {
            Path file = Path.of(args[4]);
            long start = System.nanoTime();
            long bytes = switch (args[0]) {
                case "up" -> upload(store, args[3], file, part, conc);
                case "down" -> download(store, args[3], file, part, conc);
                default -> throw new IllegalArgumentException("first argument must be up or down, not " + args[0]);
            };
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("raw %s %d bytes in %.2f s = %.1f MB/s sha256=%s%n", args[0], bytes, s, bytes / s / 1e6,
                    sha256(file));
        }
    }

    static long upload(ObjectStore store, String key, Path file, long part, int conc) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int parts = (int) ((size + part - 1) / part);
            String id = store.createMultipartUpload(key, ObjectAttributes.NONE).join();
            List<CompletedPart> done = Flux.range(1, parts)
                    .flatMapSequential(n -> Mono.fromCallable(() -> read(ch, (n - 1) * part, (int) Math.min(part, size - (n - 1) * part)))
                            .subscribeOn(Schedulers.boundedElastic())
                            .flatMap(buf -> Mono.fromFuture(() -> store.uploadPart(key, id, n, buf))), conc, 1)
                    .collectList().block();
            store.completeMultipartUpload(key, id, done).join();
            return size;
        }
    }

    static long download(ObjectStore store, String key, Path file, long part, int conc) throws IOException {
        long size = store.head(key).join().size();
        int parts = (int) ((size + part - 1) / part);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Flux.range(0, parts)
                    .flatMapSequential(i -> Mono.fromFuture(() -> store.get(key,
                            ByteRange.of(i * part, Math.min(part, size - i * part)), null)), conc, 1)
                    .doOnNext(r -> {
                        try {
                            ByteBuffer b = r.data();
                            while (b.hasRemaining()) {
                                ch.write(b);
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .then().block();
        }
        return size;
    }

    static ByteBuffer read(FileChannel ch, long off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining() && ch.read(b, off + b.position()) >= 0) {
            // keep reading
        }
        return b.flip();
    }

    static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(b) >= 0) {
                b.flip();
                md.update(b);
                b.clear();
            }
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }
}
