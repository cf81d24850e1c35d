package io.fluxfs.engine.store;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Retries the retryable failures ({@link StoreException.Kind#THROTTLED}, {@link StoreException.Kind#TRANSIENT})
 * of any store with capped exponential backoff and full jitter. Each attempt calls the delegate anew (a
 * request body is re-read from its original position). Waits are scheduled on one daemon timer thread,
 * never slept; the returned future completes on the delegate's threads.
 */
public final class RetryingObjectStore implements ObjectStore {

    private final ObjectStore delegate;
    private final int maxAttempts;
    private final long baseNanos;
    private final long capNanos;
    private final ScheduledExecutorService timer;

    public RetryingObjectStore(ObjectStore delegate, int maxAttempts, Duration base, Duration cap) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts " + maxAttempts + " must be at least 1");
        }
        this.delegate = delegate;
        this.maxAttempts = maxAttempts;
        this.baseNanos = base.toNanos();
        this.capNanos = cap.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fluxfs-retry-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Six attempts, 100 ms doubling up to 5 s: about 10 s of retrying before an error reaches a caller. */
    public static RetryingObjectStore withDefaults(ObjectStore delegate) {
        return new RetryingObjectStore(delegate, 6, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    public ObjectStore delegate() {
        return delegate;
    }

    private <T> CompletableFuture<T> retry(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(call, 1, result);
        return result;
    }

    private <T> void attempt(Supplier<CompletableFuture<T>> call, int n, CompletableFuture<T> result) {
        CompletableFuture<T> f;
        try {
            f = call.get();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        f.whenComplete((v, err) -> {
            if (err == null) {
                result.complete(v);
                return;
            }
            StoreException se = StoreException.unwrap(err);
            if (se == null || !se.retryable() || n >= maxAttempts) {
                result.completeExceptionally(se != null ? se : err);
                return;
            }
            long ceiling = Math.min(capNanos, baseNanos << Math.min(n - 1, 30));
            long delay = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
            try {
                timer.schedule(() -> attempt(call, n + 1, result), delay, TimeUnit.NANOSECONDS);
            } catch (RuntimeException rejected) {
                result.completeExceptionally(se);
            }
        });
    }

    private static ByteBuffer fresh(ByteBuffer b) {
        return b.duplicate();
    }

    @Override
    public String bucket() {
        return delegate.bucket();
    }

    @Override
    public CompletableFuture<Void> createBucket() {
        return retry(delegate::createBucket);
    }

    @Override
    public CompletableFuture<Boolean> bucketExists() {
        return retry(delegate::bucketExists);
    }

    @Override
    public CompletableFuture<ObjectMeta> head(String key) {
        return retry(() -> delegate.head(key));
    }

    @Override
    public CompletableFuture<GetResult> get(String key, ByteRange range, ETag ifMatch) {
        return retry(() -> delegate.get(key, range, ifMatch));
    }

    @Override
    public CompletableFuture<ETag> put(String key, ByteBuffer body, ObjectAttributes attributes) {
        return retry(() -> delegate.put(key, fresh(body), attributes));
    }

    @Override
    public CompletableFuture<ListPage> list(ListRequest request) {
        return retry(() -> delegate.list(request));
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
        return retry(() -> delegate.delete(key));
    }

    @Override
    public CompletableFuture<List<String>> deleteMany(List<String> keys) {
        return retry(() -> delegate.deleteMany(keys));
    }

    @Override
    public CompletableFuture<ETag> copy(String sourceKey, String destinationKey, ObjectAttributes replace, ETag ifMatch) {
        return retry(() -> delegate.copy(sourceKey, destinationKey, replace, ifMatch));
    }

    @Override
    public CompletableFuture<String> createMultipartUpload(String key, ObjectAttributes attributes) {
        return retry(() -> delegate.createMultipartUpload(key, attributes));
    }

    @Override
    public CompletableFuture<CompletedPart> uploadPart(String key, String uploadId, int partNumber, ByteBuffer body) {
        return retry(() -> delegate.uploadPart(key, uploadId, partNumber, fresh(body)));
    }

    @Override
    public CompletableFuture<CompletedPart> uploadPartCopy(String key, String uploadId, int partNumber, String sourceKey,
                                                           ByteRange sourceRange, ETag ifMatch) {
        return retry(() -> delegate.uploadPartCopy(key, uploadId, partNumber, sourceKey, sourceRange, ifMatch));
    }

    @Override
    public CompletableFuture<ETag> completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts) {
        return retry(() -> delegate.completeMultipartUpload(key, uploadId, parts));
    }

    @Override
    public CompletableFuture<Void> abortMultipartUpload(String key, String uploadId) {
        return retry(() -> delegate.abortMultipartUpload(key, uploadId));
    }

    @Override
    public CompletableFuture<List<PendingUpload>> listMultipartUploads(String prefix) {
        return retry(() -> delegate.listMultipartUploads(prefix));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        delegate.close();
    }
}
