package io.fluxfs.fuse.tools;

import io.fluxfs.engine.core.Engine;
import io.fluxfs.engine.core.EngineConfig;
import io.fluxfs.engine.format.MountDefaults;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.fuse.MountExtension;
import io.fluxfs.fuse.Sh;
import io.fluxfs.testkit.s3.EmbeddedS3;
import io.fluxfs.testkit.s3.S3Endpoint;
import io.fluxfs.testkit.s3.S3Servers;
import io.fluxfs.testkit.s3.TestBucket;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real thing for mount tests: before each test, a fresh bucket on a real S3 server
 * ({@link S3Servers#forTests()}: the in-process S3Proxy unless told otherwise), the real engine over a
 * CRT store on it (staging in a temp dir) and a FUSE mount of that engine through the real adapter
 * ({@link MountExtension}). After each test: unmount (also on failure), close the engine, delete
 * what the test left in the bucket, delete the temp dirs.
 *
 * <p>{@link #remount()} proves persistence: unmount, close the engine (it waits for its uploads),
 * then a new engine with empty caches on the same bucket, mounted on the same directory.
 *
 * <p>{@link #onDisk()} runs an own S3Proxy with a file-backed store for this test instead: for data
 * larger than the test JVM's heap, which the shared in-memory server would have to hold.
 */
public final class EngineMount implements BeforeEachCallback, AfterEachCallback {

    private final MountExtension mount = MountExtension.of(this::newEngine).opTimeout(Duration.ofSeconds(120));
    private boolean onDisk;
    private Path work;
    private EmbeddedS3 ownServer;
    private TestBucket bucket;
    private int engines;

    /** Who owns objects without owner headers: the user running the tests (root in CI). */
    private static final MountDefaults DEFAULTS;

    static {
        com.sun.security.auth.module.UnixSystem me = new com.sun.security.auth.module.UnixSystem();
        DEFAULTS = new MountDefaults((int) me.getUid(), (int) me.getGid(), 022);
    }

    /** Extra {@code -o} options for libfuse. */
    public EngineMount options(String... opts) {
        mount.options(opts);
        return this;
    }

    /** Use an own file-backed S3Proxy for this test (see the class comment). */
    public EngineMount onDisk() {
        onDisk = true;
        return this;
    }

    private FileSystem newEngine() {
        engines++;
        EngineConfig cfg = EngineConfig.builder(work.resolve("staging"))
                .defaults(DEFAULTS)
                .build();
        return Engine.open(bucket.store(), cfg);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        MountExtension.requireFuse();
        work = Files.createTempDirectory("fluxfs-mounttest-");
        S3Endpoint endpoint;
        if (onDisk) {
            Path data = Files.createDirectories(work.resolve("s3"));
            ownServer = EmbeddedS3.onDisk(data, 0);
            endpoint = ownServer.endpoint();
        } else {
            endpoint = S3Servers.forTests();
        }
        bucket = TestBucket.create(endpoint);
        mount.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            mount.afterEach(context);
        } finally {
            try {
                if (bucket != null) {
                    bucket.close();
                }
            } finally {
                if (ownServer != null) {
                    ownServer.close();
                }
                deleteTree(work);
            }
        }
    }

    /** Unmount, new engine on the same bucket, mount again; see the class comment. */
    public void remount() {
        long t0 = System.nanoTime();
        mount.remount();
        slow("remount", t0);
    }

    /** Says on stderr what took longer than a second: where a slow mount test spends its time. */
    static void slow(String what, long startNanos) {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        if (ms >= 1000) {
            System.err.printf("[mount test] %.1f s  %s%n", ms / 1000.0, what.length() > 160 ? what.substring(0, 160) + "…" : what);
        }
    }

    /** The mount point. */
    public Path dir() {
        return mount.dir();
    }

    /** A scratch directory outside the mount, deleted after the test. */
    public Path scratch(String name) throws IOException {
        return Files.createDirectories(work.resolve("scratch").resolve(name));
    }

    public TestBucket bucket() {
        return bucket;
    }

    public MountExtension mount() {
        return mount;
    }

    /** The current engine's S3 requests by verb ("put=12 head=3 ..."): what a slow step spends its time on. */
    public String requests() {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(mount.fs().status()).forEach((k, v) -> {
            if (k.startsWith("s3.") && k.endsWith(".requests")) {
                b.append(k, 3, k.length() - ".requests".length()).append('=').append(v).append(' ');
            }
        });
        return b.toString().trim();
    }

    /** Engines built so far in this test (1 + remounts). */
    public int engines() {
        return engines;
    }

    /** Runs a command in {@code cwd}; fails the test unless it exits 0. */
    public static Sh.Result ok(Path cwd, String... cmd) {
        return ok(cwd, Duration.ofSeconds(120), cmd);
    }

    public static Sh.Result ok(Path cwd, Duration timeout, String... cmd) {
        long t0 = System.nanoTime();
        Sh.Result r = Sh.run(cwd, timeout, cmd);
        slow(String.join(" ", cmd), t0);
        assertEquals(0, r.exit(), () -> String.join(" ", cmd) + " failed: " + r);
        return r;
    }

    static void deleteTree(Path p) throws IOException {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}
