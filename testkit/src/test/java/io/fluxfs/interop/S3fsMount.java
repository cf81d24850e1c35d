package io.fluxfs.interop;

import io.fluxfs.testkit.s3.S3Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * s3fs-fuse mounted on one bucket of a test S3 server, in a temp dir, running in the foreground
 * ({@code -f}) as a child process of this JVM so that it is stopped by its own PID and nothing else.
 *
 * <p>{@link #start} returns only once {@code /proc/mounts} lists the mount point as {@code fuse.s3fs};
 * if s3fs exits first, or the deadline passes, it fails with s3fs's log. {@link #close} unmounts with
 * {@code fusermount -u} (s3fs uploads whatever it still holds, then exits), waits for the process,
 * and deletes the mount point only once it is no longer mounted.
 */
final class S3fsMount implements AutoCloseable {

    private static final Duration MOUNT_DEADLINE = Duration.ofSeconds(30);
    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(30);
    /** How long each wait on the s3fs process lasts between two looks at /proc/mounts. */
    private static final long POLL_MILLIS = 50;

    private final Path dir;
    private final Path mountPoint;
    private final Path log;
    private final Process process;
    private boolean closed;

    private S3fsMount(Path dir, Path mountPoint, Path log, Process process) {
        this.dir = dir;
        this.mountPoint = mountPoint;
        this.log = log;
        this.process = process;
    }

    /**
     * Mounts {@code bucket} with: path-style URLs to the endpoint, its keys in a 0600 passwd file,
     * {@code use_xattr} (s3fs refuses xattrs with ENOTSUP without it), a 1 s stat cache and
     * {@code dbglevel=warn}.
     */
    static S3fsMount start(S3Endpoint endpoint, String bucket) throws IOException {
        Path dir = Files.createTempDirectory("fluxfs-s3fs");
        Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
        Path passwd = dir.resolve("passwd");
        Files.createFile(passwd, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwd, endpoint.accessKey() + ":" + endpoint.secretKey() + "\n", StandardCharsets.US_ASCII);
        Path log = dir.resolve("s3fs.log");
        List<String> cmd = new ArrayList<>(List.of("s3fs", bucket, mountPoint.toString(), "-f", "-o", String.join(",",
                "passwd_file=" + passwd,
                "url=" + endpoint.uri(),
                "endpoint=" + endpoint.region(),
                "use_path_request_style",
                "use_xattr",
                "stat_cache_expire=1",
                "dbglevel=warn")));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Commands.scrubEnvironment(pb.environment());
        Process process = pb.start();
        S3fsMount mount = new S3fsMount(dir, mountPoint, log, process);
        try {
            mount.awaitMounted();
        } catch (RuntimeException | Error e) {
            mount.close();
            throw e;
        }
        return mount;
    }

    Path root() {
        return mountPoint;
    }

    Path resolve(String relative) {
        return mountPoint.resolve(relative);
    }

    boolean isMounted() {
        return ProcMounts.fsType(mountPoint).filter("fuse.s3fs"::equals).isPresent();
    }

    private void awaitMounted() {
        long deadline = System.nanoTime() + MOUNT_DEADLINE.toNanos();
        while (!isMounted()) {
            if (!process.isAlive()) {
                throw new AssertionError("s3fs (pid " + process.pid() + ") exited with " + process.exitValue()
                        + " before mounting " + mountPoint + "; its log:\n" + logText());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("s3fs (pid " + process.pid() + ") did not mount " + mountPoint + " within "
                        + MOUNT_DEADLINE + "; its log:\n" + logText());
            }
            waitForExit(POLL_MILLIS);
        }
    }

    /**
     * Unmounts and waits for s3fs to exit: after this, everything written through the mount is in the
     * bucket. Fails (after cleaning up as far as it can) if s3fs did not exit cleanly.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> problems = new ArrayList<>();
        if (isMounted()) {
            Commands.Result r = Commands.run(List.of("fusermount", "-u", mountPoint.toString()), Duration.ofSeconds(30));
            if (r.status() != 0) {
                problems.add("fusermount -u: " + r.output().strip());
                Commands.run(List.of("fusermount", "-u", "-z", mountPoint.toString()), Duration.ofSeconds(30));
            }
        }
        if (!waitForExit(EXIT_DEADLINE.toMillis())) {
            problems.add("s3fs (pid " + process.pid() + ") still running " + EXIT_DEADLINE + " after unmount; stopped");
            process.destroy();
            if (!waitForExit(5_000)) {
                process.destroyForcibly();
            }
        } else if (process.exitValue() != 0) {
            problems.add("s3fs exited with " + process.exitValue());
        }
        if (isMounted()) {
            problems.add(mountPoint + " is still mounted; left in place");
        } else {
            deleteQuietly();
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("; ", problems) + "; s3fs log:\n" + logText());
        }
    }

    private boolean waitForExit(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(mountPoint);
            Files.deleteIfExists(dir.resolve("passwd"));
            Files.deleteIfExists(log);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
