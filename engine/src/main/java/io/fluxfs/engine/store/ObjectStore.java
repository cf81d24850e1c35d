package io.fluxfs.engine.store;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One method per S3 verb. All futures complete on the store's I/O threads and fail only with
 * {@link StoreException}. Futures are started eagerly: wrap them lazily
 * ({@code Mono.fromFuture(() -> store.get(...))}) so that concurrency limits hold.
 */
public interface ObjectStore extends AutoCloseable {

    /** S3 refuses keys longer than this many UTF-8 bytes. */
    int MAX_KEY_BYTES = 1024;
    /** Smallest part S3 accepts, except for the last part of an upload. */
    long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Largest part (and largest single PUT / single CopyObject). */
    long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    int MAX_PARTS = 10_000;
    /** DeleteObjects takes at most this many keys. */
    int MAX_DELETE_BATCH = 1000;

    String bucket();

    /** Create the bucket. Fails with {@link StoreException.Kind#CONFLICT} if it exists already. */
    CompletableFuture<Void> createBucket();

    /** True if the bucket exists and is reachable with these credentials. */
    CompletableFuture<Boolean> bucketExists();

    /** HEAD: metadata of one object; {@link StoreException.Kind#NOT_FOUND} if absent. */
    CompletableFuture<ObjectMeta> head(String key);

    /**
     * GET, whole object or a byte range. The range is clipped to the object's size; a range that starts
     * at or past the end of a non-empty object fails with {@link StoreException.Kind#INVALID_RANGE}.
     * A zero-byte object may be read with any range starting at 0 and returns no bytes.
     *
     * @param range   bytes wanted, or {@code null} for the whole object
     * @param ifMatch fail with {@link StoreException.Kind#PRECONDITION_FAILED} unless the object still has
     *                this ETag; {@code null} for no condition
     */
    CompletableFuture<GetResult> get(String key, ByteRange range, ETag ifMatch);

    /** PUT of a whole object in one request. The buffer is read from its position to its limit. */
    CompletableFuture<ETag> put(String key, ByteBuffer body, ObjectAttributes attributes);

    /** One page of ListObjectsV2. */
    CompletableFuture<ListPage> list(ListRequest request);

    /** DELETE of one key. Deleting an absent key succeeds, as in S3. */
    CompletableFuture<Void> delete(String key);

    /**
     * DeleteObjects of up to {@link #MAX_DELETE_BATCH} keys. Completes with the keys that could not be
     * deleted (empty when all went).
     */
    CompletableFuture<List<String>> deleteMany(List<String> keys);

    /**
     * CopyObject in one request (source at most {@link #MAX_PART_SIZE}).
     *
     * @param replace new attributes (metadata directive REPLACE), or {@code null} to copy the source's
     * @param ifMatch copy only if the source still has this ETag; {@code null} for no condition
     */
    CompletableFuture<ETag> copy(String sourceKey, String destinationKey, ObjectAttributes replace, ETag ifMatch);

    /** CreateMultipartUpload; completes with the upload id. */
    CompletableFuture<String> createMultipartUpload(String key, ObjectAttributes attributes);

    /** UploadPart; part numbers are 1..{@link #MAX_PARTS}. */
    CompletableFuture<CompletedPart> uploadPart(String key, String uploadId, int partNumber, ByteBuffer body);

    /** UploadPartCopy of a byte range of another object into a part. */
    CompletableFuture<CompletedPart> uploadPartCopy(String key, String uploadId, int partNumber,
                                                    String sourceKey, ByteRange sourceRange, ETag ifMatch);

    /** CompleteMultipartUpload with parts in ascending part-number order. */
    CompletableFuture<ETag> completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts);

    /** AbortMultipartUpload. Aborting an unknown upload fails with {@link StoreException.Kind#NOT_FOUND}. */
    CompletableFuture<Void> abortMultipartUpload(String key, String uploadId);

    /** ListMultipartUploads under a prefix (all pages), for cleaning up orphans. */
    CompletableFuture<List<PendingUpload>> listMultipartUploads(String prefix);

    /** Releases connections and threads. Idempotent. */
    @Override
    void close();
}
