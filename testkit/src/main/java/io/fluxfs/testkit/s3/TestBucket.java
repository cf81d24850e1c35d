package io.fluxfs.testkit.s3;

import io.fluxfs.engine.store.ListPage;
import io.fluxfs.engine.store.ListRequest;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.engine.store.PendingUpload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A freshly created, uniquely named bucket on a test server, with a ready CRT store on it.
 *
 * <pre>{@code
 * try (TestBucket bucket = TestBucket.create(S3Servers.forTests())) {
 *     ObjectStore store = bucket.store();
 *     ...
 * }
 * }</pre>
 *
 * {@link #close()} deletes what the test left (objects and pending uploads, so the in-memory server's
 * heap does not fill up) and closes the store. The bucket itself stays: the port has no DeleteBucket.
 * Call from a test thread only: the methods here wait.
 */
public final class TestBucket implements AutoCloseable {

    /** Generous: one request to a local server; a hang here is a bug worth failing on. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final S3Endpoint endpoint;
    private final String name;
    private final ObjectStore store;

    private TestBucket(S3Endpoint endpoint, String name, ObjectStore store) {
        this.endpoint = endpoint;
        this.name = name;
        this.store = store;
    }

    /** Creates a bucket named {@code fluxfs-test-<random>} and opens a store on it. */
    public static TestBucket create(S3Endpoint endpoint) {
        String name = "fluxfs-test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        ObjectStore store = endpoint.open(name);
        try {
            await(store.createBucket());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return new TestBucket(endpoint, name, store);
    }

    public S3Endpoint endpoint() {
        return endpoint;
    }

    public String name() {
        return name;
    }

    public ObjectStore store() {
        return store;
    }

    /** Waits for a future with a deadline; unwraps its failure (a {@code StoreException} stays one). */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("no answer from the S3 server within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            for (PendingUpload u : await(store.listMultipartUploads(""))) {
                await(store.abortMultipartUpload(u.key(), u.uploadId()));
            }
            List<String> keys = new ArrayList<>();
            ListRequest request = new ListRequest("", null, null, 1000);
            ListPage page;
            do {
                page = await(store.list(request));
                page.objects().forEach(o -> keys.add(o.key()));
                request = request.next(page.nextToken());
            } while (page.isTruncated());
            for (int i = 0; i < keys.size(); i += ObjectStore.MAX_DELETE_BATCH) {
                await(store.deleteMany(keys.subList(i, Math.min(keys.size(), i + ObjectStore.MAX_DELETE_BATCH))));
            }
        } finally {
            store.close();
        }
    }
}
