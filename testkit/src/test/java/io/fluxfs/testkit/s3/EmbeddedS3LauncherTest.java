package io.fluxfs.testkit.s3;

import static io.fluxfs.testkit.s3.TestBucket.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3LauncherTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(30);

    @Test
    void launcherServesABucketOnDiskStopsOnSigtermAndKeepsDataForTheNextRun(@TempDir Path data) throws Exception {
        byte[] body = "through the launcher".getBytes(StandardCharsets.UTF_8);
        try (LauncherProcess launcher = LauncherProcess.start("--port", "0", "--data", data.toString(), "--bucket", "demo")) {
            S3Endpoint endpoint = endpointFrom(launcher.awaitLine(EmbeddedS3Launcher.READY_PREFIX, START), "demo");
            assertEquals("127.0.0.1", endpoint.uri().getHost());
            assertNotEquals(0, endpoint.uri().getPort());
            try (ObjectStore store = endpoint.open("demo")) {
                assertTrue(await(store.bucketExists()));
                await(store.put("hello.txt", ByteBuffer.wrap(body), ObjectAttributes.NONE));
                assertArrayEquals(body, bytes(await(store.get("hello.txt", null, null)).data()));
            }
            int status = launcher.terminate(STOP);
            String output = launcher.output(STOP);
            assertTrue(output.contains(EmbeddedS3Launcher.STOPPED), () -> "exit " + status + ", no clean-stop line in:\n" + output);
        }
        assertTrue(Files.isDirectory(data.resolve("demo")), "the file store keeps the bucket under --data");

        try (LauncherProcess again = LauncherProcess.start("--port", "0", "--data", data.toString(), "--bucket", "demo")) {
            S3Endpoint endpoint = endpointFrom(again.awaitLine(EmbeddedS3Launcher.READY_PREFIX, START), "demo");
            try (ObjectStore store = endpoint.open("demo")) {
                assertArrayEquals(body, bytes(await(store.get("hello.txt", null, null)).data()));
            }
            again.terminate(STOP);
        }
    }

    @Test
    void badArgumentsExitWithStatus2AndNameTheProblem() throws Exception {
        try (LauncherProcess launcher = LauncherProcess.start("--port", "http")) {
            assertEquals(EmbeddedS3Launcher.EXIT_USAGE, launcher.awaitExit(START));
            assertTrue(launcher.output(STOP).contains("--port 'http' is not a port number"));
        }
    }

    @Test
    void eachBadArgumentIsNamed() {
        assertUsageError(List.of("--port", "70000"), "'70000'");
        assertUsageError(List.of("--bucket", "No_Such"), "'No_Such'");
        assertUsageError(List.of("--bucket"), "--bucket needs a value");
        assertUsageError(List.of("--data", "--port", "1"), "--data needs a value");
        assertUsageError(List.of("--verbose"), "unknown argument '--verbose'");
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = EmbeddedS3Launcher.run(List.of("--help"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("--port N") && usage.contains("--data DIR") && usage.contains("--bucket NAME"), usage);
    }

    @Test
    void inProcessStartServesTheBucketInMemory() {
        LauncherOptions options = LauncherOptions.parse(List.of("--port", "0", "--bucket", "inproc"));
        assertFalse(options.help());
        try (EmbeddedS3 server = EmbeddedS3Launcher.start(options);
             ObjectStore store = server.endpoint().open("inproc")) {
            assertTrue(await(store.bucketExists()));
            assertFalse(server.ensureBucket("inproc"), "the launcher created the bucket already");
            String line = EmbeddedS3Launcher.readyLine(server.endpoint(), "inproc");
            assertEquals(server.endpoint().uri(), endpointFrom(line, "inproc").uri());
        }
    }

    private static void assertUsageError(List<String> args, String named) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EmbeddedS3Launcher.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(EmbeddedS3Launcher.EXIT_USAGE, status, () -> "status for " + args);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains(named), () -> "stderr for " + args + " does not name " + named + ":\n" + message);
    }

    /** Parses the ready line the way a script would. */
    private static S3Endpoint endpointFrom(String line, String expectedBucket) {
        Map<String, String> fields = new HashMap<>();
        for (String token : line.substring(EmbeddedS3Launcher.READY_PREFIX.length()).trim().split(" ")) {
            int eq = token.indexOf('=');
            fields.put(token.substring(0, eq), token.substring(eq + 1));
        }
        assertEquals(expectedBucket, fields.get("bucket"), line);
        return new S3Endpoint(URI.create(fields.get("endpoint")), fields.get("region"), fields.get("accessKey"),
                fields.get("secretKey"), "launcher");
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
