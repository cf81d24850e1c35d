package io.fluxfs.fuse.cli;

import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.ListPage;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.fuse.MountExtension;
import io.fluxfs.fuse.NullFileSystem;
import io.fluxfs.fuse.ProcMounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing, validation, exit codes and messages of the fluxfs command; one real mount round trip. */
class CommandLineTest {

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(Plugins plugins, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = FluxfsCommand.commandLine(plugins, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(new Plugins(Optional.empty(), Optional.empty(), Optional.empty()), args);
    }

    private Path emptyDir() throws Exception {
        return Files.createTempDirectory(tmp, "mp");
    }

    private static void assertUsage(Run r, String fragment) {
        assertEquals(2, r.exit(), r::toString);
        assertEquals(1, r.errLines().size(), "one line: " + r.err());
        assertTrue(r.err().contains(fragment), r::toString);
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run().exit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mount", "unmount", "status", "mkfs"})
    void everyCommandHasHelp(String cmd) {
        Run r = cmd.isEmpty() ? run("--help") : run(cmd, "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: fluxfs"), r::toString);
    }

    @Test
    void unknownOptionIsAUsageError() throws Exception {
        assertUsage(run("mount", "--bogus", "b", emptyDir().toString()), "Unknown option: '--bogus'");
    }

    @Test
    void missingMountpointArgumentIsAUsageError() {
        assertUsage(run("mount", "bucket"), "MOUNTPOINT");
    }

    @Test
    void invalidBucketNameIsAUsageError() throws Exception {
        assertUsage(run("mount", "My_Bucket", emptyDir().toString()), "'My_Bucket' is not a valid bucket name");
    }

    @Test
    void prefixMustBeWrittenWithASlash() throws Exception {
        assertUsage(run("mount", "bucket:photos", emptyDir().toString()), "write the prefix as BUCKET:/prefix");
    }

    @Test
    void mountpointMustExist() {
        assertUsage(run("mount", "bucket", tmp.resolve("nope").toString()), "does not exist: mkdir it first");
    }

    @Test
    void mountpointMustBeADirectory() throws Exception {
        Path f = Files.writeString(tmp.resolve("file"), "x");
        assertUsage(run("mount", "bucket", f.toString()), "is not a directory");
    }

    @Test
    void mountpointMustBeEmptyUnlessNonempty() throws Exception {
        Path d = emptyDir();
        Files.writeString(d.resolve("x"), "x");
        assertUsage(run("mount", "bucket", d.toString()), "is not empty: empty it or pass -o nonempty");
        MountExtension.requireFuse();
        Run r = run("mount", "bucket", d.toString(), "-o", "nonempty");
        assertEquals(1, r.exit(), "past validation, stopped by the missing engine: " + r);
        assertTrue(r.err().contains("no engine on the class path"), r::toString);
    }

    @Test
    void mountpointThatIsAlreadyAMountIsRefused() {
        assertUsage(run("mount", "bucket", "/proc"), "is already a mount");
    }

    @Test
    void badSizesAndDurationsSayHowToWriteThem() throws Exception {
        String d = emptyDir().toString();
        assertUsage(run("mount", "bkt", d, "--cache-size", "12X"), "'12X' is not a size: write e.g. 512k, 64M, 10G");
        assertUsage(run("mount", "bkt", d, "--metadata-ttl", "soon"), "is not a duration");
        assertUsage(run("mount", "bkt", d, "--part-size", "1M"), "--part-size 1048576 is outside 5M..5G");
        assertUsage(run("mount", "bkt", d, "-o", "uid=bob"), "uid takes a number");
        assertUsage(run("mount", "bkt", d, "--endpoint", "ftp://x"), "must be an http:// or https:// URL");
    }

    @Test
    void sizesAndDurationsParse() {
        assertEquals(512L << 10, Units.parseSize("512k"));
        assertEquals(64L << 20, Units.parseSize("64MiB"));
        assertEquals(10L << 30, Units.parseSize("10G"));
        assertEquals(123, Units.parseSize("123"));
        assertEquals(java.time.Duration.ofMillis(250), Units.parseDuration("250ms"));
        assertEquals(java.time.Duration.ofMinutes(5), Units.parseDuration("5m"));
        assertEquals(java.time.Duration.ofSeconds(30), Units.parseDuration("PT30S"));
    }

    @Test
    void anEngineThatCannotReachTheStoreFailsWithOneLineAndMountsNothing() throws Exception {
        MountExtension.requireFuse();
        Path d = emptyDir();
        FileSystemFactory unreachable = c -> {
            throw new StartupException("endpoint http://127.0.0.1:9 is unreachable (connection refused)");
        };
        Run r = run(new Plugins(Optional.of(unreachable), Optional.empty(), Optional.empty()),
                "mount", "bucket", d.toString(), "--endpoint", "http://127.0.0.1:9");
        assertEquals(1, r.exit(), r::toString);
        assertEquals(List.of("fluxfs mount: endpoint http://127.0.0.1:9 is unreachable (connection refused)"), r.errLines());
        assertFalse(ProcMounts.isMounted(d));
    }

    @Test
    void statusWithoutADaemonFails() throws Exception {
        Run r = run("status", emptyDir().toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no fluxfs daemon serves"), r::toString);
    }

    @Test
    void unmountOfSomethingNotMountedFails() throws Exception {
        Run r = run("unmount", emptyDir().toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("is not mounted"), r::toString);
    }

    @Test
    void mountStatusUnmountRoundTrip() throws Exception {
        MountExtension.requireFuse();
        Path d = emptyDir();
        AtomicBoolean closed = new AtomicBoolean();
        NullFileSystem nfs = new NullFileSystem();
        FileSystemFactory engine = new FileSystemFactory() {
            @Override
            public io.fluxfs.engine.fs.FileSystem create(MountConfig c) {
                return (io.fluxfs.engine.fs.FileSystem) Proxy.newProxyInstance(
                        io.fluxfs.engine.fs.FileSystem.class.getClassLoader(), new Class<?>[] {io.fluxfs.engine.fs.FileSystem.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("close")) {
                                closed.set(true);
                                return null;
                            }
                            return method.invoke(nfs, args);
                        });
            }

            @Override
            public StatusSource statusOf(io.fluxfs.engine.fs.FileSystem fs) {
                return () -> java.util.Map.of("dirty_bytes", 42L);
            }
        };
        Plugins plugins = new Plugins(Optional.of(engine), Optional.empty(), Optional.empty());
        CompletableFuture<Void> mounted = new CompletableFuture<>();
        Writer watch = new StringWriter() {
            @Override
            public void write(String s, int off, int len) {
                super.write(s, off, len);
                if (toString().contains("fluxfs: mounted")) {
                    mounted.complete(null);
                }
            }
        };
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> daemon = CompletableFuture.supplyAsync(() -> FluxfsCommand.commandLine(plugins,
                new PrintWriter(watch, true), new PrintWriter(err, true)).execute("mount", "demo:/sub", d.toString(), "-f"));
        try {
            CompletableFuture.anyOf(mounted, daemon).get(30, TimeUnit.SECONDS);
            assertTrue(mounted.isDone(), () -> "daemon ended early: " + daemon.getNow(null) + " " + err);
            ProcMounts.Mount m = ProcMounts.at(d).orElseThrow();
            assertEquals("fluxfs#demo:/sub", m.source());
            assertEquals("fuse.fluxfs", m.type());
            assertTrue(Files.exists(d.resolve(NullFileSystem.FILE)));

            Run status = run("status", d.toString());
            assertEquals(0, status.exit(), status::toString);
            assertTrue(status.out().contains("source demo:/sub"), status::out);
            assertTrue(status.out().contains("state mounted"), status::out);
            assertTrue(status.out().contains("dirty_bytes 42"), "the engine's counters: " + status.out());
            assertTrue(status.out().contains("fuse.calls.getattr"), status::out);

            Run un = run("unmount", d.toString());
            assertEquals(0, un.exit(), un::toString);
            assertEquals(List.of("flushing " + d.toRealPath() + " ...", "flushed", "unmounted"), un.out().lines().toList());
            assertEquals(0, daemon.get(30, TimeUnit.SECONDS));
            assertTrue(closed.get(), "the engine was closed (flushed) before the unmount");
            assertFalse(ProcMounts.isMounted(d));
        } finally {
            if (ProcMounts.isMounted(d)) {
                io.fluxfs.fuse.FuseMount.fusermountU(d, true);
            }
        }
    }

    // ------------------------------------------------------------------ mkfs

    /** A store with only what mkfs touches; anything else fails the test. */
    private static ObjectStoreFactory store(boolean exists, List<String> keys, List<String> calls) {
        return cfg -> (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    return switch (method.getName()) {
                        case "bucket" -> cfg.bucket();
                        case "bucketExists" -> CompletableFuture.completedFuture(exists);
                        case "createBucket" -> CompletableFuture.completedFuture(null);
                        case "list" -> CompletableFuture.completedFuture(new ListPage(keys.stream()
                                .map(k -> new ListPage.Entry(k, 1, new ETag("e"), Instant.EPOCH)).toList(), List.of(), null));
                        case "close" -> null;
                        default -> throw new AssertionError("mkfs must not call " + method.getName());
                    };
                });
    }

    @Test
    void mkfsCreatesAMissingBucket() {
        List<String> calls = new ArrayList<>();
        Run r = run(new Plugins(Optional.empty(), Optional.of(store(false, List.of(), calls)), Optional.empty()), "mkfs", "newbucket");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("created bucket newbucket\n", r.out());
        assertTrue(calls.contains("createBucket"));
    }

    @Test
    void mkfsRefusesANonEmptyBucketWithoutForce() {
        List<String> calls = new ArrayList<>();
        Plugins p = new Plugins(Optional.empty(), Optional.of(store(true, List.of("a"), calls)), Optional.empty());
        Run r = run(p, "mkfs", "full");
        assertEquals(1, r.exit());
        assertEquals(List.of("fluxfs mkfs: bucket full exists and holds objects: pass --force to use it as it is"), r.errLines());
        assertEquals(0, run(p, "create-bucket", "full", "--force").exit());
        assertFalse(calls.contains("createBucket"));
    }

    @Test
    void mkfsAcceptsAnEmptyExistingBucket() {
        Run r = run(new Plugins(Optional.empty(), Optional.of(store(true, List.of(), new ArrayList<>())), Optional.empty()),
                "mkfs", "empty");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("exists (empty); ready"));
    }
}
