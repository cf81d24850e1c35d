package io.fluxfs.testkit.s3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link EmbeddedS3Launcher} in a JVM of its own, as the demo and bench run it. Stdout lines are
 * collected on a reader thread; waits have deadlines. {@link #close()} ends the process it started
 * (SIGTERM, then SIGKILL if it does not stop).
 */
final class LauncherProcess implements AutoCloseable {

    private static final String END = "\u0000end-of-stream";

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private LauncherProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::pump, "launcher-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static LauncherProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EmbeddedS3Launcher.class.getName());
        command.addAll(List.of(args));
        return new LauncherProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process went away; END below tells the waiter
        } finally {
            lines.add(END);
        }
    }

    /** The first line starting with {@code prefix}; fails with all output so far when none comes in time. */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null || END.equals(line)) {
                if (END.equals(line)) {
                    lines.add(END);
                }
                throw new AssertionError("no line starting with '" + prefix + "' within " + timeout
                        + (line == null ? "" : " (process ended)") + "; output was:\n" + String.join("\n", seen));
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Sends SIGTERM and waits for the exit; returns the exit status. */
    int terminate(Duration timeout) throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its stdout, losing the
        // lines the launcher prints while it stops.
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("launcher pid " + process.pid() + " did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("launcher pid " + process.pid() + " still running after " + timeout);
        }
        return process.exitValue();
    }

    /** Everything printed so far, after waiting for the end of the output. */
    String output(Duration timeout) throws InterruptedException {
        try {
            awaitLine(END, timeout);
        } catch (AssertionError expected) {
            // awaitLine reports the end of the stream as an error; the output is what we want
        }
        return String.join("\n", seen);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
