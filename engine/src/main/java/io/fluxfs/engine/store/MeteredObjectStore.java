package io.fluxfs.engine.store;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Counts what goes through a store: requests, failures and latency per verb, bytes sent and
 * received. A decorator, so it measures any store the same way; reading the counters never blocks
 * the hot path.
 */
public final class MeteredObjectStore implements ObjectStore {

    private final ObjectStore delegate;
    private final Map<StoreException.Verb, VerbStats> stats = new EnumMap<>(StoreException.Verb.class);
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    public MeteredObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
        for (StoreException.Verb v : StoreException.Verb.values()) {
            stats.put(v, new VerbStats());
        }
    }

    /** Counters of one verb. */
    public static final class VerbStats {
        final LongAdder requests = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LatencyHistogram latency = new LatencyHistogram();

        public long requests() {
            return requests.sum();
        }

        public long failures() {
            return failures.sum();
        }

        public LatencyHistogram latency() {
            return latency;
        }
    }

    public VerbStats stats(StoreException.Verb verb) {
        return stats.get(verb);
    }

    /** Bytes sent to the store (PUT and part bodies). */
    public long bytesSent() {
        return bytesIn.sum();
    }

    /** Bytes received from the store (GET bodies). */
    public long bytesReceived() {
        return bytesOut.sum();
    }

    /** A flat, ordered snapshot for {@code status}: {@code s3.get.requests}, {@code s3.get.p99_us}, ... */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("s3.bytes_sent", bytesSent());
        out.put("s3.bytes_received", bytesReceived());
        for (Map.Entry<StoreException.Verb, VerbStats> e : stats.entrySet()) {
            VerbStats s = e.getValue();
            long n = s.requests();
            if (n == 0) {
                continue;
            }
            String p = "s3." + e.getKey().name().toLowerCase() + ".";
            out.put(p + "requests", n);
            out.put(p + "failures", s.failures());
            out.put(p + "p50_us", s.latency.percentileMicros(0.50));
            out.put(p + "p99_us", s.latency.percentileMicros(0.99));
            out.put(p + "p999_us", s.latency.percentileMicros(0.999));
        }
        return out;
    }

    private <T> CompletableFuture<T> timed(StoreException.Verb verb, Supplier<CompletableFuture<T>> call) {
        VerbStats s = stats.get(verb);
        s.requests.increment();
        long start = System.nanoTime();
        CompletableFuture<T> f = call.get();
        f.whenComplete((v, err) -> {
            s.latency.record(System.nanoTime() - start);
            if (err != null) {
                s.failures.increment();
            }
        });
        return f;
    }

    @Override
    public String bucket() {
        return delegate.bucket();
    }

    @Override
    public CompletableFuture<Void> createBucket() {
        return timed(StoreException.Verb.CREATE_BUCKET, delegate::createBucket);
    }

    @Override
    public CompletableFuture<Boolean> bucketExists() {
        return timed(StoreException.Verb.HEAD_BUCKET, delegate::bucketExists);
    }

    @Override
    public CompletableFuture<ObjectMeta> head(String key) {
        return timed(StoreException.Verb.HEAD, () -> delegate.head(key));
    }

    @Override
    public CompletableFuture<GetResult> get(String key, ByteRange range, ETag ifMatch) {
        return timed(StoreException.Verb.GET, () -> delegate.get(key, range, ifMatch)
                .thenApply(r -> {
                    bytesOut.add(r.data().remaining());
                    return r;
                }));
    }

    @Override
    public CompletableFuture<ETag> put(String key, ByteBuffer body, ObjectAttributes attributes) {
        bytesIn.add(body.remaining());
        return timed(StoreException.Verb.PUT, () -> delegate.put(key, body, attributes));
    }

    @Override
    public CompletableFuture<ListPage> list(ListRequest request) {
        return timed(StoreException.Verb.LIST, () -> delegate.list(request));
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
        return timed(StoreException.Verb.DELETE, () -> delegate.delete(key));
    }

    @Override
    public CompletableFuture<List<String>> deleteMany(List<String> keys) {
        return timed(StoreException.Verb.DELETE_MANY, () -> delegate.deleteMany(keys));
    }

    @Override
    public CompletableFuture<ETag> copy(String sourceKey, String destinationKey, ObjectAttributes replace, ETag ifMatch) {
        return timed(StoreException.Verb.COPY, () -> delegate.copy(sourceKey, destinationKey, replace, ifMatch));
    }

    @Override
    public CompletableFuture<String> createMultipartUpload(String key, ObjectAttributes attributes) {
        return timed(StoreException.Verb.CREATE_MULTIPART, () -> delegate.createMultipartUpload(key, attributes));
    }

    @Override
    public CompletableFuture<CompletedPart> uploadPart(String key, String uploadId, int partNumber, ByteBuffer body) {
        bytesIn.add(body.remaining());
        return timed(StoreException.Verb.UPLOAD_PART, () -> delegate.uploadPart(key, uploadId, partNumber, body));
    }

    @Override
    public CompletableFuture<CompletedPart> uploadPartCopy(String key, String uploadId, int partNumber, String sourceKey,
                                                           ByteRange sourceRange, ETag ifMatch) {
        return timed(StoreException.Verb.UPLOAD_PART_COPY,
                () -> delegate.uploadPartCopy(key, uploadId, partNumber, sourceKey, sourceRange, ifMatch));
    }

    @Override
    public CompletableFuture<ETag> completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts) {
        return timed(StoreException.Verb.COMPLETE_MULTIPART, () -> delegate.completeMultipartUpload(key, uploadId, parts));
    }

    @Override
    public CompletableFuture<Void> abortMultipartUpload(String key, String uploadId) {
        return timed(StoreException.Verb.ABORT_MULTIPART, () -> delegate.abortMultipartUpload(key, uploadId));
    }

    @Override
    public CompletableFuture<List<PendingUpload>> listMultipartUploads(String prefix) {
        return timed(StoreException.Verb.LIST_MULTIPART, () -> delegate.listMultipartUploads(prefix));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
