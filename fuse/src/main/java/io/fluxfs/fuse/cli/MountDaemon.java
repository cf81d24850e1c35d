package io.fluxfs.fuse.cli;

import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.PathFileSystem;
import io.fluxfs.fuse.FuseMount;
import io.fluxfs.fuse.JnrFuseAdapter;
import io.fluxfs.fuse.MountOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One mounted filesystem and its lifecycle: mount, serve the control socket, and stop in the one
 * safe order — flush the engine ({@link FileSystem#close}, which uploads everything pending), then
 * unmount. It stops that way on SIGTERM/SIGINT (JVM shutdown hook), on {@code fluxfs unmount}, and
 * when someone unmounts it from outside (then the flush comes after, as libfuse has already let go).
 */
final class MountDaemon {

    private static final Logger LOG = LoggerFactory.getLogger(MountDaemon.class);

    private final MountConfig config;
    private final FileSystem fs;
    private final StatusSource engineStatus;
    private final JnrFuseAdapter adapter;
    private final Instant started = Instant.now();
    private final CompletableFuture<String> stopped = new CompletableFuture<>();
    private volatile String phase = "mounted";
    private FuseMount mount;
    private ControlChannel control;

    private MountDaemon(MountConfig config, FileSystem fs, StatusSource engineStatus, Duration opTimeout) {
        this.config = config;
        this.fs = fs;
        this.engineStatus = engineStatus;
        this.adapter = new JnrFuseAdapter(new PathFileSystem(fs), opTimeout, Duration.ofMinutes(30));
    }

    /** Mounts {@code fs}; on failure closes it and throws with a one-line reason. */
    static MountDaemon start(MountConfig config, FileSystem fs, StatusSource engineStatus, Duration opTimeout,
                             boolean singleThreaded, boolean debug) throws StartupException {
        MountDaemon d = new MountDaemon(config, fs, engineStatus, opTimeout);
        String opts = MountOptions.fuseOptions(config.source(), config.options());
        Path mp = config.mountPoint();
        try {
            d.mount = FuseMount.start(d.adapter, mp, MountOptions.argv(mp, opts, singleThreaded, debug),
                    Duration.ofSeconds(30));
        } catch (FuseMount.MountFailedException e) {
            fs.close();
            throw new StartupException("cannot mount on " + mp + ": " + e.getMessage());
        }
        try {
            d.control = ControlChannel.open(ControlChannel.socketFor(mp), d::handle);
        } catch (IOException e) {
            LOG.warn("no control socket ({}); fluxfs status/unmount will not reach this mount", e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> d.stop(line -> LOG.info(line)), "fluxfs-shutdown"));
        // On a thread of its own: when stop() itself unmounts, the exit completes inside stop()'s own
        // wait, and a synchronous callback there would wait for that very stop() to finish (deadlock).
        d.mount.exit().whenCompleteAsync((rc, t) -> d.stop(line -> LOG.info(line)),
                r -> new Thread(r, "fluxfs-fuse-exit").start());
        return d;
    }

    /** Blocks until stopped; returns null if clean, else what went wrong. */
    String awaitStopped() {
        return stopped.join();
    }

    Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mountpoint", config.mountPoint().toString());
        s.put("source", config.source());
        s.put("state", phase);
        s.put("uptime_s", Duration.between(started, Instant.now()).toSeconds());
        if (engineStatus != null) {
            try {
                s.putAll(engineStatus.status());
            } catch (RuntimeException e) {
                s.put("engine_status_error", e.toString());
            }
        } else {
            s.put("engine", fs.getClass().getSimpleName() + " (no engine counters)");
        }
        adapter.counters().snapshot().forEach((k, v) -> s.put("fuse." + k, v));
        return s;
    }

    private void handle(String command, Consumer<String> out) {
        switch (command) {
            case "status" -> status().forEach((k, v) -> out.accept(k + " " + v));
            case "unmount" -> {
                String err = stop(out);
                out.accept(err == null ? "unmounted" : "error: " + err);
            }
            default -> out.accept("error: unknown command '" + command + "' (status, unmount)");
        }
    }

    /** Flush, then unmount; idempotent; reports progress lines to {@code progress}. */
    String stop(Consumer<String> progress) {
        synchronized (this) {
            if (!phase.equals("mounted")) {
                return awaitQuietly();
            }
            phase = "flushing";
        }
        String err = null;
        try {
            progress.accept("flushing " + config.mountPoint() + " ...");
            CompletableFuture<Void> flush = CompletableFuture.runAsync(fs::close);
            while (true) {
                try {
                    flush.get(1, TimeUnit.SECONDS);
                    break;
                } catch (TimeoutException e) {
                    Map<String, Object> s = status();
                    progress.accept("  flushing: dirty_bytes=" + s.getOrDefault("dirty_bytes", "?")
                            + " uploads_in_flight=" + s.getOrDefault("uploads_in_flight", "?")
                            + " uploads_queued=" + s.getOrDefault("uploads_queued", "?"));
                }
            }
            progress.accept("flushed");
        } catch (Exception e) {
            err = "flush failed: " + e.getMessage() + " (the journal keeps the data for the next mount)";
            progress.accept(err);
        }
        phase = "unmounting";
        if (!mount.exit().isDone()) {
            String u = mount.unmount(Duration.ofSeconds(30));
            if (u != null) {
                progress.accept("unmount failed (" + u + "); detaching lazily");
                FuseMount.fusermountU(config.mountPoint(), true);
            }
        }
        if (control != null) {
            control.close();
        }
        phase = "stopped";
        stopped.complete(err);
        return err;
    }

    private String awaitQuietly() {
        try {
            return stopped.get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            return "still stopping";
        }
    }
}
