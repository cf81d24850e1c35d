package io.fluxfs.testkit.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * S3Proxy running inside this JVM, on 127.0.0.1 only, with AWS v4 (and v2) signatures checked against
 * fixed throwaway keys.
 *
 * <p>Two stores: {@link #inMemory(int)} keeps every object on the Java heap (tests: fast, gone on
 * stop; keep objects small); {@link #onDisk(Path, int)} keeps them as files under a directory (demo and
 * bench; a key whose path exceeds the local file-name limits fails there although S3 would take it).
 *
 * <p>S3Proxy refuses signed request bodies over 128 MiB, so parts larger than that need a real store.
 */
public final class EmbeddedS3 implements AutoCloseable {

    /** Throwaway keys: this server only listens on loopback and holds test data. */
    public static final String ACCESS_KEY = "fluxfs-test";
    public static final String SECRET_KEY = "fluxfs-test-secret-not-for-production";
    public static final String REGION = "us-east-1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final BlobStore store;
    private final S3Endpoint endpoint;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EmbeddedS3(S3Proxy proxy, BlobStore store, String name) {
        this.proxy = proxy;
        this.store = store;
        this.endpoint = new S3Endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()), REGION, ACCESS_KEY,
                SECRET_KEY, name);
    }

    /** Starts an in-memory server on {@code port} (0 = any free port). */
    public static EmbeddedS3 inMemory(int port) {
        return start(new TransientNio2BlobStore(), port, "embedded");
    }

    /** Starts a server storing objects as files under {@code dataDir} (created if missing). */
    public static EmbeddedS3 onDisk(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        return start(new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString()), port, "embedded-fs");
    }

    private static EmbeddedS3 start(BlobStore store, int port, String name) {
        QuietLogs.forServer();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start on 127.0.0.1:" + port
                            + " within " + START_TIMEOUT + " (state " + proxy.getState() + ")");
                }
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        } catch (RuntimeException e) {
            stopQuietly(proxy);
            throw e;
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new IllegalStateException("S3Proxy failed to start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        return new EmbeddedS3(proxy, store, name);
    }

    public S3Endpoint endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.uri().getPort();
    }

    /** Creates the bucket unless it exists; true if it was created. */
    public boolean ensureBucket(String bucket) {
        if (store.containerExists(bucket)) {
            return false;
        }
        store.createContainer(bucket);
        return true;
    }

    /** Stops the server; idempotent. */
    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            stopQuietly(proxy);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // Stopping is best effort: the port is freed when the JVM exits anyway.
        }
    }
}
