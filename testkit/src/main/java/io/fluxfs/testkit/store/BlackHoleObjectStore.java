package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.ByteRange;
import io.fluxfs.engine.store.CompletedPart;
import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.GetResult;
import io.fluxfs.engine.store.ListPage;
import io.fluxfs.engine.store.ListRequest;
import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.ObjectMeta;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.engine.store.PendingUpload;
import io.fluxfs.engine.store.StoreException.Kind;
import io.fluxfs.engine.store.StoreException.Verb;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A store that swallows writes, for write-path benchmarks: PUT, UploadPart, Complete and Abort succeed
 * at once and only count bytes; no body is read beyond its size, nothing is kept, no MD5 is computed.
 * Reads find nothing (HEAD, GET, copies fail NOT_FOUND; listings are empty).
 *
 * <p><b>Threads.</b> Unlike every other store, its futures are already complete when returned, so
 * continuations run on the caller's thread: a benchmark then measures the engine, not a thread hop.
 * Use {@link InMemoryObjectStore} wherever threading matters.
 */
public final class BlackHoleObjectStore implements ObjectStore {

    private static final ETag ETAG = new ETag("black-hole");

    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final AtomicLong uploadIds = new AtomicLong();

    /** Body bytes accepted by PUT and UploadPart. */
    public long bytesIn() {
        return bytesIn.sum();
    }

    /** PUT and UploadPart requests accepted. */
    public long writes() {
        return writes.sum();
    }

    public void reset() {
        bytesIn.reset();
        writes.reset();
    }

    @Override
    public String bucket() {
        return "black-hole";
    }

    @Override
    public CompletableFuture<Void> createBucket() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> bucketExists() {
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletableFuture<ObjectMeta> head(String key) {
        return notFound(Verb.HEAD, key);
    }

    @Override
    public CompletableFuture<GetResult> get(String key, ByteRange range, ETag ifMatch) {
        return notFound(Verb.GET, key);
    }

    @Override
    public CompletableFuture<ETag> put(String key, ByteBuffer body, ObjectAttributes attributes) {
        accept(body);
        return CompletableFuture.completedFuture(ETAG);
    }

    @Override
    public CompletableFuture<ListPage> list(ListRequest request) {
        return CompletableFuture.completedFuture(new ListPage(List.of(), List.of(), null));
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<String>> deleteMany(List<String> keys) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<ETag> copy(String sourceKey, String destinationKey, ObjectAttributes replace, ETag ifMatch) {
        return notFound(Verb.COPY, sourceKey);
    }

    @Override
    public CompletableFuture<String> createMultipartUpload(String key, ObjectAttributes attributes) {
        return CompletableFuture.completedFuture("black-hole-" + uploadIds.incrementAndGet());
    }

    @Override
    public CompletableFuture<CompletedPart> uploadPart(String key, String uploadId, int partNumber, ByteBuffer body) {
        accept(body);
        return CompletableFuture.completedFuture(new CompletedPart(partNumber, ETAG));
    }

    @Override
    public CompletableFuture<CompletedPart> uploadPartCopy(String key, String uploadId, int partNumber,
                                                           String sourceKey, ByteRange sourceRange, ETag ifMatch) {
        return notFound(Verb.UPLOAD_PART_COPY, sourceKey);
    }

    @Override
    public CompletableFuture<ETag> completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts) {
        return CompletableFuture.completedFuture(new ETag(ETAG.value() + "-" + parts.size()));
    }

    @Override
    public CompletableFuture<Void> abortMultipartUpload(String key, String uploadId) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<PendingUpload>> listMultipartUploads(String prefix) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public void close() {
    }

    private void accept(ByteBuffer body) {
        bytesIn.add(body.remaining());
        writes.increment();
    }

    private static <T> CompletableFuture<T> notFound(Verb verb, String key) {
        return CompletableFuture.failedFuture(StoreErrors.of(Kind.NOT_FOUND, verb, key, "the black hole keeps nothing"));
    }
}
