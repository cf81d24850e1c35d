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
import io.fluxfs.engine.store.StoreException;
import io.fluxfs.engine.store.StoreException.Kind;
import io.fluxfs.engine.store.StoreException.Verb;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Base of the wrapping stores: turns each verb into one {@link Call} and hands it to
 * {@link #intercept}, which decides when (and whether) to forward it to the delegate.
 */
abstract class InterceptingObjectStore implements ObjectStore {

    /**
     * One request on its way to the delegate.
     *
     * @param key          the object key, or {@code null} for bucket-level verbs
     * @param requestBytes body bytes the request carries (PUT, UploadPart), else 0
     * @param forward      sends the request to the delegate; call it at most once
     */
    record Call<T>(Verb verb, String key, long requestBytes, Supplier<CompletableFuture<T>> forward) {

        /** Forwards, turning a synchronous throw of the delegate into a failed future. */
        CompletableFuture<T> send() {
            try {
                return forward.get();
            } catch (StoreException e) {
                return CompletableFuture.failedFuture(e);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new StoreException(Kind.OTHER, verb, key, 0, e.toString(), e));
            }
        }
    }

    protected final ObjectStore delegate;

    InterceptingObjectStore(ObjectStore delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    abstract <T> CompletableFuture<T> intercept(Call<T> call);

    @Override
    public String bucket() {
        return delegate.bucket();
    }

    @Override
    public CompletableFuture<Void> createBucket() {
        return intercept(new Call<>(Verb.CREATE_BUCKET, null, 0, delegate::createBucket));
    }

    @Override
    public CompletableFuture<Boolean> bucketExists() {
        return intercept(new Call<>(Verb.HEAD_BUCKET, null, 0, delegate::bucketExists));
    }

    @Override
    public CompletableFuture<ObjectMeta> head(String key) {
        return intercept(new Call<>(Verb.HEAD, key, 0, () -> delegate.head(key)));
    }

    @Override
    public CompletableFuture<GetResult> get(String key, ByteRange range, ETag ifMatch) {
        return intercept(new Call<>(Verb.GET, key, 0, () -> delegate.get(key, range, ifMatch)));
    }

    @Override
    public CompletableFuture<ETag> put(String key, ByteBuffer body, ObjectAttributes attributes) {
        return intercept(new Call<>(Verb.PUT, key, remaining(body), () -> delegate.put(key, body, attributes)));
    }

    @Override
    public CompletableFuture<ListPage> list(ListRequest request) {
        return intercept(new Call<>(Verb.LIST, request.prefix(), 0, () -> delegate.list(request)));
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
        return intercept(new Call<>(Verb.DELETE, key, 0, () -> delegate.delete(key)));
    }

    @Override
    public CompletableFuture<List<String>> deleteMany(List<String> keys) {
        return intercept(new Call<>(Verb.DELETE_MANY, null, 0, () -> delegate.deleteMany(keys)));
    }

    @Override
    public CompletableFuture<ETag> copy(String sourceKey, String destinationKey, ObjectAttributes replace, ETag ifMatch) {
        return intercept(new Call<>(Verb.COPY, destinationKey, 0,
                () -> delegate.copy(sourceKey, destinationKey, replace, ifMatch)));
    }

    @Override
    public CompletableFuture<String> createMultipartUpload(String key, ObjectAttributes attributes) {
        return intercept(new Call<>(Verb.CREATE_MULTIPART, key, 0, () -> delegate.createMultipartUpload(key, attributes)));
    }

    @Override
    public CompletableFuture<CompletedPart> uploadPart(String key, String uploadId, int partNumber, ByteBuffer body) {
        return intercept(new Call<>(Verb.UPLOAD_PART, key, remaining(body),
                () -> delegate.uploadPart(key, uploadId, partNumber, body)));
    }

    @Override
    public CompletableFuture<CompletedPart> uploadPartCopy(String key, String uploadId, int partNumber,
                                                           String sourceKey, ByteRange sourceRange, ETag ifMatch) {
        return intercept(new Call<>(Verb.UPLOAD_PART_COPY, key, 0,
                () -> delegate.uploadPartCopy(key, uploadId, partNumber, sourceKey, sourceRange, ifMatch)));
    }

    @Override
    public CompletableFuture<ETag> completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts) {
        return intercept(new Call<>(Verb.COMPLETE_MULTIPART, key, 0,
                () -> delegate.completeMultipartUpload(key, uploadId, parts)));
    }

    @Override
    public CompletableFuture<Void> abortMultipartUpload(String key, String uploadId) {
        return intercept(new Call<>(Verb.ABORT_MULTIPART, key, 0, () -> delegate.abortMultipartUpload(key, uploadId)));
    }

    @Override
    public CompletableFuture<List<PendingUpload>> listMultipartUploads(String prefix) {
        return intercept(new Call<>(Verb.LIST_MULTIPART, prefix, 0, () -> delegate.listMultipartUploads(prefix)));
    }

    /** Closes the delegate. Subclasses release their own threads first. */
    @Override
    public void close() {
        delegate.close();
    }

    /** The StoreException inside a CompletionException, or the throwable itself. */
    static Throwable unwrapped(Throwable t) {
        StoreException se = StoreException.unwrap(t);
        return se != null ? se : t;
    }

    private static long remaining(ByteBuffer body) {
        return body == null ? 0 : body.remaining();
    }
}
