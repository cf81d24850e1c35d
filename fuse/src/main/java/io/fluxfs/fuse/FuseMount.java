package io.fluxfs.fuse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One live FUSE mount: libfuse's loop on its own thread, started by {@link #start} and ended by
 * {@link #unmount} ({@code fusermount -u}) or by anyone unmounting it from outside.
 *
 * <p>{@link #start} returns only once the kernel has sent INIT (the mount is live) and
 * /proc/mounts shows it, or throws with libfuse's reason if the loop ended first.
 */
public final class FuseMount implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FuseMount.class);

    private final Path mountPoint;
    private final Thread loop;
    private final CompletableFuture<Integer> exit;

    private FuseMount(Path mountPoint, Thread loop, CompletableFuture<Integer> exit) {
        this.mountPoint = mountPoint;
        this.loop = loop;
        this.exit = exit;
    }

    public static FuseMount start(JnrFuseAdapter adapter, Path mountPoint, String[] argv, Duration deadline)
            throws MountFailedException {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread loop = new Thread(() -> {
            try {
                exit.complete(adapter.fuseMain(argv));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        }, "fluxfs-fuse-loop");
        loop.setDaemon(true);
        loop.start();
        FuseMount m = new FuseMount(mountPoint, loop, exit);
        try {
            CompletableFuture.anyOf(adapter.initialized(), exit).get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            m.close();
            throw new MountFailedException("no FUSE INIT from the kernel within " + deadline.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new MountFailedException("libfuse failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m.close();
            throw new MountFailedException("interrupted while mounting");
        }
        if (exit.isDone()) {
            throw new MountFailedException("libfuse refused to mount " + mountPoint + " (exit code "
                    + exit.getNow(-1) + "; its message is on stderr)");
        }
        long until = System.nanoTime() + deadline.toNanos();
        while (!ProcMounts.isMounted(mountPoint)) {
            if (System.nanoTime() > until) {
                m.close();
                throw new MountFailedException(mountPoint + " does not show in /proc/mounts");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        return m;
    }

    public Path mountPoint() {
        return mountPoint;
    }

    /** Completes with libfuse's exit code when the loop ends (after any unmount). */
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    public boolean isMounted() {
        return !exit.isDone() && ProcMounts.isMounted(mountPoint);
    }

    /**
     * {@code fusermount -u}; with {@code lazy}, {@code -z} (detach now, finish when no longer busy).
     * Returns null on success, else fusermount's message.
     */
    public static String fusermountU(Path mountPoint, boolean lazy) {
        ProcessBuilder pb = lazy
                ? new ProcessBuilder("fusermount", "-u", "-z", "--", mountPoint.toAbsolutePath().toString())
                : new ProcessBuilder("fusermount", "-u", "--", mountPoint.toAbsolutePath().toString());
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "fusermount -u did not finish in 30 s";
            }
            return p.exitValue() == 0 ? null : (out.isEmpty() ? "fusermount exit " + p.exitValue() : out);
        } catch (IOException e) {
            return "cannot run fusermount: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Unmounts and waits for libfuse's loop to end. Returns null on success, else why not. */
    public String unmount(Duration wait) {
        if (!exit.isDone() && ProcMounts.isMounted(mountPoint)) {
            String err = fusermountU(mountPoint, false);
            if (err != null) {
                return err;
            }
        }
        try {
            exit.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            return null;
        } catch (TimeoutException e) {
            return "libfuse's loop did not end within " + wait.toSeconds() + " s";
        } catch (ExecutionException e) {
            return null; // it ended, badly; nothing is mounted
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Unmounts; if busy, detaches lazily so nothing stays mounted. */
    @Override
    public void close() {
        String err = unmount(Duration.ofSeconds(10));
        if (err != null && ProcMounts.isMounted(mountPoint)) {
            LOG.warn("unmount of {} failed ({}); detaching lazily", mountPoint, err);
            fusermountU(mountPoint, true);
        }
    }

    /** A mount that did not happen, with a one-line reason. */
    public static final class MountFailedException extends Exception {
        public MountFailedException(String message) {
            super(message);
        }
    }
}
