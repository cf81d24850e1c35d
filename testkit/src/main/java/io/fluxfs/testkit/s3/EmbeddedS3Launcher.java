package io.fluxfs.testkit.s3;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded S3 server as a process of its own, for the README demo and {@code bench}:
 *
 * <pre>
 * java -cp testkit.jar:... io.fluxfs.testkit.s3.EmbeddedS3Launcher --port 9000 --data /tmp/s3 --bucket demo
 * </pre>
 *
 * It listens on 127.0.0.1 only, prints one line ({@link #READY_PREFIX}, endpoint, region, keys,
 * bucket) once it accepts requests, and runs until SIGTERM or SIGINT, when it stops the server and
 * prints {@link #STOPPED}. A bad command line prints the problem and the usage to stderr and exits
 * with status 2.
 */
public final class EmbeddedS3Launcher {

    public static final String READY_PREFIX = "fluxfs embedded S3 ready:";
    public static final String STOPPED = "fluxfs embedded S3 stopped";
    public static final int EXIT_USAGE = 2;

    private EmbeddedS3Launcher() {
    }

    public static void main(String[] args) {
        QuietLogs.forLauncher();
        int status = run(List.of(args), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Parses, starts, prints, then waits for the JVM's shutdown; returns an exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args);
        } catch (LauncherOptions.UsageException e) {
            err.println("EmbeddedS3Launcher: " + e.getMessage());
            err.println(LauncherOptions.USAGE);
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.println(LauncherOptions.USAGE);
            return 0;
        }
        EmbeddedS3 server;
        try {
            server = start(options);
        } catch (RuntimeException e) {
            err.println("EmbeddedS3Launcher: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            out.println(STOPPED);
            out.flush();
            stopped.countDown();
        }, "fluxfs-embedded-s3-stop"));
        out.println(readyLine(server.endpoint(), options.bucket()));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Starts the server the options describe and creates the bucket; the caller closes it. */
    public static EmbeddedS3 start(LauncherOptions options) {
        EmbeddedS3 server = options.data() == null
                ? EmbeddedS3.inMemory(options.port())
                : EmbeddedS3.onDisk(options.data(), options.port());
        try {
            if (options.bucket() != null) {
                server.ensureBucket(options.bucket());
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The one line a script reads: {@code key=value} pairs after {@link #READY_PREFIX}. */
    public static String readyLine(S3Endpoint endpoint, String bucket) {
        return READY_PREFIX + " endpoint=" + endpoint.uri() + " region=" + endpoint.region()
                + " accessKey=" + endpoint.accessKey() + " secretKey=" + endpoint.secretKey()
                + (bucket == null ? "" : " bucket=" + bucket);
    }
}
