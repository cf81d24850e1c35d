package io.fluxfs.engine.store.crt;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * {@link ObjectStore} on the AWS SDK v2 CRT client: one SDK call per port verb, nothing cached.
 *
 * <p><b>Threads.</b> Every returned future completes on a CRT event-loop thread (the client is built
 * with a direct completion executor): continuations must not block. Nothing in this class blocks
 * either; composed verbs (paging, batching, the zero-byte GET fallback) chain further requests from
 * those threads.
 *
 * <p><b>Cancel.</b> Cancelling a returned future cancels the SDK request, which aborts the CRT
 * request.
 *
 * <p><b>Failures.</b> Every failure goes through {@link StoreErrors#map} exactly once, at the end of
 * the verb, and carries the SDK exception as its cause.
 *
 * <p><b>Buffers.</b> {@code put} and {@code uploadPart} copy the caller's bytes before returning, so the
 * caller may reuse its buffer at once. {@code get} returns a heap buffer the SDK filled.
 * Future work: a GET transformer writing into a caller-supplied direct buffer (no heap copy), and a
 * zero-copy body for parts the caller promises not to touch until completion.
 */
final class CrtObjectStore implements ObjectStore {

    private final S3Config config;
    private final S3AsyncClient s3;
    private final String bucket;
    private final AwsRequestOverrideConfiguration perCall;
    private final AtomicBoolean closed = new AtomicBoolean();

    CrtObjectStore(S3Config config, S3AsyncClient s3) {
        this.config = config;
        this.s3 = s3;
        this.bucket = config.bucket();
        this.perCall = config.requestTimeout().isZero()
                ? AwsRequestOverrideConfiguration.builder().build()
                : AwsRequestOverrideConfiguration.builder().apiCallTimeout(config.requestTimeout()).build();
    }

    S3Config config() {
        return config;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public CompletableFuture<Void> createBucket() {
        return call(Verb.CREATE_BUCKET, null, () -> s3.createBucket(b -> {
            b.bucket(bucket).overrideConfiguration(perCall);
            if (!"us-east-1".equals(config.region())) {
                b.createBucketConfiguration(CreateBucketConfiguration.builder()
                        .locationConstraint(config.region()).build());
            }
        }), r -> null);
    }

    /** {@code false} when the bucket does not exist; other failures (e.g. ACCESS_DENIED) fail the future. */
    @Override
    public CompletableFuture<Boolean> bucketExists() {
        CompletableFuture<Boolean> exists = call(Verb.HEAD_BUCKET, null,
                () -> s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(perCall)), r -> Boolean.TRUE);
        return recover(exists, e -> e.kind() == Kind.NOT_FOUND ? CompletableFuture.completedFuture(false) : null);
    }

    @Override
    public CompletableFuture<ObjectMeta> head(String key) {
        return call(Verb.HEAD, key, () -> s3.headObject(b -> b.bucket(bucket).key(key).overrideConfiguration(perCall)),
                r -> SdkValues.meta(key, r));
    }

    @Override
    public CompletableFuture<GetResult> get(String key, ByteRange range, ETag ifMatch) {
        if (range != null && range.isEmpty()) {
            return headForGet(key, ifMatch, meta -> {
                if (range.start() >= meta.size() && !(meta.size() == 0 && range.start() == 0)) {
                    throw pastEnd(key, range, meta.size());
                }
                return new GetResult(meta, ByteBuffer.allocate(0), meta.size());
            });
        }
        CompletableFuture<GetResult> read = call(Verb.GET, key, () -> s3.getObject(b -> {
            b.bucket(bucket).key(key).overrideConfiguration(perCall);
            if (range != null) {
                b.range(range.httpHeader());
            }
            if (ifMatch != null) {
                b.ifMatch(ifMatch.quoted());
            }
        }, AsyncResponseTransformer.toBytes()), bytes -> toGetResult(key, range, bytes));
        // Reads at or past the end, and any read of a zero-byte object, go wrong in store-specific ways:
        // a 416, or (S3Proxy) a 200 without Content-Range that the CRT rejects as a client error. The port
        // promises an empty read from byte 0 of an empty object and INVALID_RANGE past the end of any
        // other, so on such a failure a HEAD decides; otherwise the original failure stands.
        return recover(read, e -> !(e.kind() == Kind.INVALID_RANGE || (e.kind() == Kind.OTHER && e.httpStatus() == 0))
                ? null
                : headForGet(key, ifMatch, meta -> {
                    long start = range == null ? 0 : range.start();
                    if (meta.size() == 0 && start == 0) {
                        return new GetResult(meta, ByteBuffer.allocate(0), 0);
                    }
                    if (start >= meta.size()) {
                        throw pastEnd(key, range, meta.size());
                    }
                    throw e;
                }));
    }

    /** A HEAD on behalf of GET: failures are reported as GET's, with If-Match still applied. */
    private CompletableFuture<GetResult> headForGet(String key, ETag ifMatch, Function<ObjectMeta, GetResult> fn) {
        return call(Verb.GET, key, () -> s3.headObject(b -> {
            b.bucket(bucket).key(key).overrideConfiguration(perCall);
            if (ifMatch != null) {
                b.ifMatch(ifMatch.quoted());
            }
        }), r -> fn.apply(SdkValues.meta(key, r)));
    }

    private static StoreException pastEnd(String key, ByteRange range, long size) {
        return new StoreException(Kind.INVALID_RANGE, Verb.GET, key, 416,
                "range " + range + " starts at or past the end of a " + size + "-byte object", null);
    }

    private static GetResult toGetResult(String key, ByteRange range, ResponseBytes<GetObjectResponse> bytes) {
        GetObjectResponse r = bytes.response();
        ByteBuffer data = ByteBuffer.wrap(bytes.asByteArrayUnsafe());
        long total = SdkValues.totalFromContentRange(r.contentRange());
        if (range != null && r.contentRange() == null) {
            // The server ignored Range and sent the whole object: cut out what was asked.
            long size = data.remaining();
            ByteRange clipped = SdkValues.clip(range, size);
            if (clipped == null) {
                throw pastEnd(key, range, size);
            }
            data = data.slice((int) clipped.start(), (int) clipped.length());
            total = size;
        } else if (total < 0) {
            total = data.remaining();
        }
        return new GetResult(SdkValues.meta(key, r, total), data, total);
    }

    @Override
    public CompletableFuture<ETag> put(String key, ByteBuffer body, ObjectAttributes attributes) {
        ObjectAttributes a = attributes == null ? ObjectAttributes.NONE : attributes;
        long length = body.remaining();
        AsyncRequestBody copy = AsyncRequestBody.fromRemainingByteBuffer(body);
        return call(Verb.PUT, key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentLength(length)
                .contentType(a.contentType()).metadata(a.userMetadata()).overrideConfiguration(perCall), copy),
                r -> ETag.of(r.eTag()));
    }

    @Override
    public CompletableFuture<ListPage> list(ListRequest request) {
        return call(Verb.LIST, request.prefix(), () -> s3.listObjectsV2(b -> {
            b.bucket(bucket).maxKeys(request.maxKeys()).overrideConfiguration(perCall);
            if (!request.prefix().isEmpty()) {
                b.prefix(request.prefix());
            }
            if (request.delimiter() != null) {
                b.delimiter(request.delimiter());
            }
            if (request.continuationToken() != null) {
                b.continuationToken(request.continuationToken());
            }
        }), r -> {
            List<ListPage.Entry> objects = new ArrayList<>(r.contents().size());
            r.contents().forEach(o -> objects.add(new ListPage.Entry(o.key(), o.size() == null ? 0 : o.size(),
                    ETag.of(o.eTag()), o.lastModified())));
            List<String> prefixes = new ArrayList<>(r.commonPrefixes().size());
            r.commonPrefixes().forEach(p -> prefixes.add(p.prefix()));
            boolean more = Boolean.TRUE.equals(r.isTruncated());
            if (more && r.nextContinuationToken() == null) {
                throw new StoreException(Kind.OTHER, Verb.LIST, request.prefix(), 0,
                        "the store said the listing is truncated but sent no continuation token", null);
            }
            return new ListPage(objects, prefixes, more ? r.nextContinuationToken() : null);
        });
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
        return call(Verb.DELETE, key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key).overrideConfiguration(perCall)),
                r -> null);
    }

    /** Accepts any number of keys and sends them in concurrent batches of {@link #MAX_DELETE_BATCH}. */
    @Override
    public CompletableFuture<List<String>> deleteMany(List<String> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (keys.size() > MAX_DELETE_BATCH) {
            // The port's contract, as S3's: callers batch (the engine does), so a mistake shows here.
            return CompletableFuture.failedFuture(new StoreException(StoreException.Kind.INVALID_REQUEST,
                    Verb.DELETE_MANY, keys.get(0), keys.size() + " keys, over the limit of " + MAX_DELETE_BATCH));
        }
        return deleteBatch(keys);
    }

    private CompletableFuture<List<String>> deleteBatch(List<String> keys) {
        List<ObjectIdentifier> ids = new ArrayList<>(keys.size());
        keys.forEach(k -> ids.add(ObjectIdentifier.builder().key(k).build()));
        Delete delete = Delete.builder().objects(ids).quiet(true).build();
        return call(Verb.DELETE_MANY, keys.get(0), () -> s3.deleteObjects(b -> b.bucket(bucket).delete(delete)
                .overrideConfiguration(perCall)), r -> r.errors().stream().map(S3Error::key).toList());
    }

    @Override
    public CompletableFuture<ETag> copy(String sourceKey, String destinationKey, ObjectAttributes replace, ETag ifMatch) {
        return call(Verb.COPY, destinationKey, () -> s3.copyObject(b -> {
            b.sourceBucket(bucket).sourceKey(sourceKey).destinationBucket(bucket).destinationKey(destinationKey)
                    .overrideConfiguration(perCall);
            if (replace != null) {
                b.metadataDirective(MetadataDirective.REPLACE).contentType(replace.contentType())
                        .metadata(replace.userMetadata());
            }
            if (ifMatch != null) {
                b.copySourceIfMatch(ifMatch.quoted());
            }
        }), r -> ETag.of(r.copyObjectResult().eTag()));
    }

    @Override
    public CompletableFuture<String> createMultipartUpload(String key, ObjectAttributes attributes) {
        ObjectAttributes a = attributes == null ? ObjectAttributes.NONE : attributes;
        return call(Verb.CREATE_MULTIPART, key, () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .contentType(a.contentType()).metadata(a.userMetadata()).overrideConfiguration(perCall)), r -> {
                    if (r.uploadId() == null || r.uploadId().isBlank()) {
                        throw new StoreException(Kind.OTHER, Verb.CREATE_MULTIPART, key, "the store sent no upload id");
                    }
                    return r.uploadId();
                });
    }

    @Override
    public CompletableFuture<CompletedPart> uploadPart(String key, String uploadId, int partNumber, ByteBuffer body) {
        long length = body.remaining();
        AsyncRequestBody copy = AsyncRequestBody.fromRemainingByteBuffer(body);
        return call(Verb.UPLOAD_PART, key, () -> s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .partNumber(partNumber).contentLength(length).overrideConfiguration(perCall), copy),
                r -> new CompletedPart(partNumber, ETag.of(r.eTag())));
    }

    @Override
    public CompletableFuture<CompletedPart> uploadPartCopy(String key, String uploadId, int partNumber,
                                                           String sourceKey, ByteRange sourceRange, ETag ifMatch) {
        return call(Verb.UPLOAD_PART_COPY, key, () -> s3.uploadPartCopy(b -> {
            b.sourceBucket(bucket).sourceKey(sourceKey).destinationBucket(bucket).destinationKey(key)
                    .uploadId(uploadId).partNumber(partNumber).overrideConfiguration(perCall);
            if (sourceRange != null) {
                b.copySourceRange(sourceRange.httpHeader());
            }
            if (ifMatch != null) {
                b.copySourceIfMatch(ifMatch.quoted());
            }
        }), r -> new CompletedPart(partNumber, ETag.of(r.copyPartResult().eTag())));
    }

    @Override
    public CompletableFuture<ETag> completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts) {
        List<software.amazon.awssdk.services.s3.model.CompletedPart> sdkParts = new ArrayList<>(parts.size());
        parts.forEach(p -> sdkParts.add(software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                .partNumber(p.partNumber()).eTag(p.etag().quoted()).build()));
        CompletedMultipartUpload upload = CompletedMultipartUpload.builder().parts(sdkParts).build();
        return call(Verb.COMPLETE_MULTIPART, key, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                .uploadId(uploadId).multipartUpload(upload).overrideConfiguration(perCall)), r -> ETag.of(r.eTag()));
    }

    @Override
    public CompletableFuture<Void> abortMultipartUpload(String key, String uploadId) {
        return call(Verb.ABORT_MULTIPART, key, () -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key)
                .uploadId(uploadId).overrideConfiguration(perCall)), r -> null);
    }

    /** Pages through every upload under the prefix, one request after another, without blocking. */
    @Override
    public CompletableFuture<List<PendingUpload>> listMultipartUploads(String prefix) {
        return uploadsFrom(prefix, null, null, new ArrayList<>());
    }

    private CompletableFuture<List<PendingUpload>> uploadsFrom(String prefix, String keyMarker, String uploadIdMarker,
                                                               List<PendingUpload> found) {
        CompletableFuture<ListMultipartUploadsResponse> page = call(Verb.LIST_MULTIPART, prefix,
                () -> s3.listMultipartUploads(b -> {
                    b.bucket(bucket).overrideConfiguration(perCall);
                    if (prefix != null && !prefix.isEmpty()) {
                        b.prefix(prefix);
                    }
                    if (keyMarker != null) {
                        b.keyMarker(keyMarker);
                    }
                    if (uploadIdMarker != null) {
                        b.uploadIdMarker(uploadIdMarker);
                    }
                }), Function.identity());
        return page.thenCompose(r -> {
            r.uploads().forEach(u -> found.add(new PendingUpload(u.key(), u.uploadId(), u.initiated())));
            boolean more = Boolean.TRUE.equals(r.isTruncated()) && r.nextKeyMarker() != null
                    && !(r.nextKeyMarker().equals(keyMarker) && Objects.equals(r.nextUploadIdMarker(), uploadIdMarker));
            return more ? uploadsFrom(prefix, r.nextKeyMarker(), r.nextUploadIdMarker(), found)
                    : CompletableFuture.completedFuture(List.copyOf(found));
        });
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            s3.close();
        }
    }

    /**
     * Starts one SDK call and adapts it: the result through {@code fn}, any failure (thrown at once or
     * later, by the SDK or by {@code fn}) through {@link StoreErrors#map}; cancelling the returned future
     * cancels the SDK's.
     */
    private <T, R> CompletableFuture<R> call(Verb verb, String key, Supplier<CompletableFuture<T>> start,
                                             Function<T, R> fn) {
        CompletableFuture<R> out = new CompletableFuture<>();
        if (closed.get()) {
            out.completeExceptionally(new StoreException(Kind.OTHER, verb, key, "the store is closed"));
            return out;
        }
        CompletableFuture<T> sdk;
        try {
            sdk = start.get();
        } catch (RuntimeException e) {
            out.completeExceptionally(StoreErrors.map(e, verb, key));
            return out;
        }
        sdk.whenComplete((v, e) -> {
            if (e != null) {
                out.completeExceptionally(StoreErrors.map(e, verb, key));
                return;
            }
            try {
                out.complete(fn.apply(v));
            } catch (RuntimeException x) {
                out.completeExceptionally(StoreErrors.map(x, verb, key));
            }
        });
        out.whenComplete((v, e) -> {
            if (out.isCancelled()) {
                sdk.cancel(true);
            }
        });
        return out;
    }

    /**
     * On a {@link StoreException}, asks {@code fallback} for another future; a null answer keeps the
     * original failure. Runs on the thread that completed {@code f}.
     */
    private static <R> CompletableFuture<R> recover(CompletableFuture<R> f,
                                                    Function<StoreException, CompletableFuture<R>> fallback) {
        CompletableFuture<R> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            if (e == null) {
                out.complete(v);
                return;
            }
            StoreException se = StoreException.unwrap(e);
            CompletableFuture<R> alt = se == null ? null : fallback.apply(se);
            if (alt == null) {
                out.completeExceptionally(se != null ? se : e);
            } else {
                alt.whenComplete((v2, e2) -> {
                    if (e2 == null) {
                        out.complete(v2);
                    } else {
                        StoreException s2 = StoreException.unwrap(e2);
                        out.completeExceptionally(s2 != null ? s2 : e2);
                    }
                });
            }
        });
        out.whenComplete((v, e) -> {
            if (out.isCancelled()) {
                f.cancel(true);
            }
        });
        return out;
    }
}
