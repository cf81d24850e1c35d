package io.fluxfs.fuse;

import io.fluxfs.engine.fs.Caller;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.PathFileSystem;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The mount fixture: before each test, mounts a fresh {@link FileSystem} through the real adapter
 * on a new temp directory ({@code auto_unmount}, so a crashed test JVM leaves nothing mounted) and
 * waits until /proc/mounts shows it; after each test, {@code fusermount -u} (lazy if busy), checks
 * that the mount is gone and deletes the directory.
 *
 * <pre>
 * &#64;RegisterExtension
 * final MountExtension mount = MountExtension.of(InMemoryFileSystem::new);
 * ... Files.list(mount.dir()) ...
 * </pre>
 *
 * If FUSE cannot mount here, the test is skipped with the reason, or fails when
 * {@code -Dfluxfs.requireFuse=true} (CI).
 */
public final class MountExtension implements BeforeEachCallback, AfterEachCallback {

    private static final Duration MOUNT_DEADLINE = Duration.ofSeconds(20);

    private final Supplier<? extends FileSystem> factory;
    private final List<String> options = new ArrayList<>();
    private boolean singleThreaded;
    private Duration opTimeout = Duration.ofSeconds(30);
    private Supplier<Caller> callers;

    private FileSystem fs;
    private JnrFuseAdapter adapter;
    private FuseMount mount;
    private Path dir;
    private String fuseOptions;

    private MountExtension(Supplier<? extends FileSystem> factory) {
        this.factory = factory;
    }

    public static MountExtension of(Supplier<? extends FileSystem> factory) {
        return new MountExtension(factory);
    }

    /** Extra {@code -o} options for libfuse. */
    public MountExtension options(String... opts) {
        options.addAll(List.of(opts));
        return this;
    }

    public MountExtension singleThreaded() {
        singleThreaded = true;
        return this;
    }

    public MountExtension opTimeout(Duration d) {
        opTimeout = d;
        return this;
    }

    /** Fails the test, or skips it outside CI, when this machine cannot mount FUSE. */
    public static void requireFuse() {
        FuseSupport.problem().ifPresent(problem -> {
            String msg = "FUSE cannot mount here: " + problem;
            if (Boolean.getBoolean("fluxfs.requireFuse")) {
                Assertions.fail(msg + " (fluxfs.requireFuse=true: mount tests must run)");
            }
            Assumptions.abort(msg);
        });
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        requireFuse();
        dir = Files.createTempDirectory("fluxfs-mnt-");
        fuseOptions = MountOptions.fuseOptions("test-" + context.getRequiredTestMethod().getName(), options);
        try {
            start();
        } catch (FuseMount.MountFailedException e) {
            deleteDir();
            Assertions.fail("mount failed: " + e.getMessage());
        }
    }

    private void start() throws FuseMount.MountFailedException {
        fs = factory.get();
        adapter = new JnrFuseAdapter(new PathFileSystem(fs), opTimeout, opTimeout, callers);
        mount = FuseMount.start(adapter, dir, MountOptions.argv(dir, fuseOptions, singleThreaded, false), MOUNT_DEADLINE);
    }

    /**
     * Unmounts (failing the test if the mount is busy or libfuse does not stop), closes the
     * filesystem (which waits for its uploads), then mounts a new one from the factory on the same
     * directory: a fresh process's view of what the last one stored.
     */
    public void remount() {
        String err = mount.unmount(Duration.ofSeconds(60));
        Assertions.assertNull(err, () -> "unmount of " + dir + " failed: " + err);
        Assertions.assertFalse(ProcMounts.isMounted(dir), dir + " is still mounted after unmount");
        mount = null;
        FileSystem old = fs;
        fs = null;
        old.close();
        try {
            start();
        } catch (FuseMount.MountFailedException e) {
            Assertions.fail("remount failed: " + e.getMessage());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (mount != null) {
                mount.close();
                Assertions.assertFalse(ProcMounts.isMounted(dir), dir + " is still mounted after teardown");
            }
        } finally {
            if (fs != null) {
                fs.close();
            }
            deleteDir();
        }
    }

    private void deleteDir() throws IOException {
        if (dir != null && !ProcMounts.isMounted(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public Path dir() {
        return dir;
    }

    public JnrFuseAdapter adapter() {
        return adapter;
    }

    @SuppressWarnings("unchecked")
    public <T extends FileSystem> T fs() {
        return (T) fs;
    }

    public FuseMount mount() {
        return mount;
    }
}
