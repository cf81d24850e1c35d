package io.fluxfs.fuse;

import io.fluxfs.engine.fs.PathFileSystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What FUSE + jnr-ffi + the adapter cost, side by side in one run: {@code dd bs=1M} reads and
 * writes through a mount of {@link NullFileSystem} (no engine work at all), multithreaded libfuse
 * (the default) against {@code -s}. Prints MB/s as dd reports them and how many Java thread
 * objects jnr-ffi created for libfuse's native threads.
 *
 * <p>Run (after {@code mvn -o -q -pl fuse -am verify -DskipTests}):
 * <pre>java -cp fuse/target/test-classes:fuse/target/classes:$(cat fuse/target/classpath.txt) \
 *     io.fluxfs.fuse.NullMountBenchmark [MiB per run, default 2048] [rounds, default 3]</pre>
 * Not a test: timings never become asserts.
 *
 * <p>Figures on the 2-core dev machine (4 GiB per run, 3 rounds, same run, noisy):
 * read 261-565 MB/s multithreaded vs 428-618 single-threaded; write 413-878 vs 507-1000 MB/s.
 * Java thread objects made: 7006-10009 per 65537 callbacks multithreaded (about 1000 per libfuse
 * worker, then jffi keeps the worker attached), 1 single-threaded.
 */
public final class NullMountBenchmark {

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (FuseSupport.problem().isPresent()) {
            System.err.println("cannot mount: " + FuseSupport.problem().get());
            System.exit(1);
        }
        System.out.printf("%-18s %10s %10s %14s %12s%n", "mode", "read MB/s", "write MB/s", "java threads", "callbacks");
        for (int r = 0; r < rounds; r++) {
            for (boolean single : new boolean[] {false, true}) {
                run(single ? "single (-s)" : "multi (default)", single, mib);
            }
        }
    }

    private static void run(String label, boolean single, int mib) throws Exception {
        Path dir = Files.createTempDirectory("fluxfs-bench-");
        JnrFuseAdapter adapter = new JnrFuseAdapter(new PathFileSystem(new NullFileSystem()),
                Duration.ofSeconds(60), Duration.ofSeconds(60));
        String opts = MountOptions.fuseOptions("bench", List.of());
        FuseMount mount = FuseMount.start(adapter, dir, MountOptions.argv(dir, opts, single, false), Duration.ofSeconds(20));
        try {
            String file = dir.resolve(NullFileSystem.FILE).toString();
            String read = dd("if=" + file, "of=/dev/null", "bs=1M", "count=" + mib);
            String write = dd("if=/dev/zero", "of=" + file, "bs=1M", "count=" + mib, "conv=notrunc");
            long callbacks = adapter.counters().get("calls.read") + adapter.counters().get("calls.write");
            System.out.printf("%-18s %10s %10s %14d %12d%n", label, read, write,
                    adapter.counters().get("threads.attached"), callbacks);
        } finally {
            mount.close();
            Files.delete(dir);
        }
    }

    /** Runs dd and returns its MB/s figure. */
    private static String dd(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "dd";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        // "... copied, 1.23 s, 456 MB/s"
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        String[] parts = last.split(", ");
        String rate = parts[parts.length - 1];
        if (rate.endsWith("GB/s")) {
            return String.format("%.0f", Double.parseDouble(rate.split(" ")[0]) * 1000);
        }
        return rate.split(" ")[0];
    }
}
