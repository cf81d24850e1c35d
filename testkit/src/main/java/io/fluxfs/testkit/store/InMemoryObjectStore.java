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
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A strict in-memory S3 bucket for unit tests: it refuses what real S3 refuses (see the package note
 * for the list) with the {@link Kind} the real client reports.
 *
 * <p><b>Threads.</b> Every request runs and completes on the store's own I/O threads (daemon threads
 * named {@code fluxfs-inmem-<bucket>-N}, marked {@link reactor.core.scheduler.NonBlocking}), never on
 * the caller's: a continuation that blocks is caught, by Reactor's {@code block()} check or by the
 * returned futures, whose {@code join()/get()} throw when called pending on an I/O thread (recorded for
 * {@link #assertNoBlockingOnStoreThreads()}). Request bodies are read on the I/O thread, as a real
 * client does: do not change a buffer until its future completes. With more than one I/O thread (the
 * default is 2) requests that overlap may apply in any order, as on a real server.
 *
 * <p><b>Test helpers</b> act as another S3 client ({@link #putDirect}, {@link #deleteDirect},
 * {@link #snapshot()}): they apply at once, on the caller's thread, and are not counted as requests.
 */
public final class InMemoryObjectStore implements ObjectStore {

    private final String bucket;
    private final Clock clock;
    private final ExecutorService io;
    private final AtomicBoolean bucketExists;
    private final ConcurrentSkipListMap<String, StoredObject> objects = new ConcurrentSkipListMap<>(Utf8Order.INSTANCE);
    private final Map<String, MultipartUpload> uploads = new ConcurrentHashMap<>();
    private final RequestLedger ledger = new RequestLedger();

    private InMemoryObjectStore(Builder b) {
        this.bucket = b.bucket;
        this.clock = b.clock;
        this.bucketExists = new AtomicBoolean(b.bucketExists);
        this.io = StoreThreads.newScheduler("fluxfs-inmem-" + b.bucket, b.ioThreads);
    }

    /** A store whose bucket {@code "test-bucket"} exists, on the system clock. */
    public static InMemoryObjectStore create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- ObjectStore ------------------------------------------------------------------------------

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public CompletableFuture<Void> createBucket() {
        return run(Verb.CREATE_BUCKET, null, () -> {
            if (!bucketExists.compareAndSet(false, true)) {
                throw StoreErrors.of(Kind.CONFLICT, Verb.CREATE_BUCKET, null, "BucketAlreadyOwnedByYou: " + bucket);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> bucketExists() {
        return run(Verb.HEAD_BUCKET, null, bucketExists::get);
    }

    @Override
    public CompletableFuture<ObjectMeta> head(String key) {
        return run(Verb.HEAD, key, () -> existing(Verb.HEAD, key).meta(key));
    }

    @Override
    public CompletableFuture<GetResult> get(String key, ByteRange range, ETag ifMatch) {
        return run(Verb.GET, key, () -> {
            StoredObject o = existing(Verb.GET, key);
            checkIfMatch(Verb.GET, key, o, ifMatch);
            long size = o.content().size();
            long start = range == null ? 0 : range.start();
            long length = range == null ? size : range.length();
            if (range != null && range.isEmpty()) {
                throw StoreErrors.of(Kind.INVALID_REQUEST, Verb.GET, key, "an empty range cannot be sent: " + range);
            }
            if (size == 0 ? start > 0 : start >= size) {
                throw StoreErrors.of(Kind.INVALID_RANGE, Verb.GET, key,
                        "InvalidRange: " + range + " does not overlap an object of " + size + " bytes");
            }
            length = Math.min(length, size - start);
            ByteBuffer data = o.content().read(start, length);
            ledger.sent(length);
            return new GetResult(o.meta(key), data, size);
        });
    }

    @Override
    public CompletableFuture<ETag> put(String key, ByteBuffer body, ObjectAttributes attributes) {
        return run(Verb.PUT, key, () -> {
            StoredObject o = newObject(Verb.PUT, key, body, attributes);
            ledger.received(o.content().size());
            objects.put(key, o);
            return o.etag();
        });
    }

    @Override
    public CompletableFuture<ListPage> list(ListRequest request) {
        return run(Verb.LIST, request.prefix(), () -> {
            requireBucket(Verb.LIST, null);
            return Listing.page(objects, request);
        });
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
        return run(Verb.DELETE, key, () -> {
            S3Rules.checkKey(Verb.DELETE, key);
            requireBucket(Verb.DELETE, key);
            objects.remove(key);
            return null;
        });
    }

    @Override
    public CompletableFuture<List<String>> deleteMany(List<String> keys) {
        return run(Verb.DELETE_MANY, null, () -> {
            requireBucket(Verb.DELETE_MANY, null);
            if (keys.isEmpty() || keys.size() > MAX_DELETE_BATCH) {
                throw StoreErrors.of(Kind.INVALID_REQUEST, Verb.DELETE_MANY, null,
                        "MalformedXML: " + keys.size() + " keys, S3 takes 1.." + MAX_DELETE_BATCH);
            }
            List<String> failed = new ArrayList<>();
            for (String key : keys) {
                try {
                    S3Rules.checkKey(Verb.DELETE_MANY, key);
                    objects.remove(key);
                } catch (StoreException e) {
                    failed.add(key);
                }
            }
            return List.copyOf(failed);
        });
    }

    @Override
    public CompletableFuture<ETag> copy(String sourceKey, String destinationKey, ObjectAttributes replace, ETag ifMatch) {
        return run(Verb.COPY, destinationKey, () -> {
            S3Rules.checkKey(Verb.COPY, destinationKey);
            Map<String, String> meta = S3Rules.userMetadata(Verb.COPY, destinationKey, replace);
            StoredObject source = existing(Verb.COPY, sourceKey);
            checkIfMatch(Verb.COPY, sourceKey, source, ifMatch);
            S3Rules.checkSingleRequestSize(Verb.COPY, sourceKey, source.content().size());
            if (sourceKey.equals(destinationKey) && replace == null) {
                throw StoreErrors.of(Kind.INVALID_REQUEST, Verb.COPY, destinationKey,
                        "InvalidRequest: copying an object to itself needs new metadata (REPLACE)");
            }
            byte[] md5 = Etags.md5Of(source.etag());
            ETag etag = Etags.single(md5 != null ? md5 : Etags.md5(source.content()));
            StoredObject copy = replace == null
                    ? new StoredObject(source.content(), etag, clock.instant(), source.contentType(), source.userMetadata())
                    : new StoredObject(source.content(), etag, clock.instant(), S3Rules.contentType(replace), meta);
            objects.put(destinationKey, copy);
            return etag;
        });
    }

    @Override
    public CompletableFuture<String> createMultipartUpload(String key, ObjectAttributes attributes) {
        return run(Verb.CREATE_MULTIPART, key, () -> {
            S3Rules.checkKey(Verb.CREATE_MULTIPART, key);
            Map<String, String> meta = S3Rules.userMetadata(Verb.CREATE_MULTIPART, key, attributes);
            requireBucket(Verb.CREATE_MULTIPART, key);
            String id = UUID.randomUUID().toString().replace("-", "");
            uploads.put(id, new MultipartUpload(key, id, clock.instant(), S3Rules.contentType(attributes), meta));
            return id;
        });
    }

    @Override
    public CompletableFuture<CompletedPart> uploadPart(String key, String uploadId, int partNumber, ByteBuffer body) {
        return run(Verb.UPLOAD_PART, key, () -> {
            S3Rules.checkKey(Verb.UPLOAD_PART, key);
            S3Rules.checkPartNumber(Verb.UPLOAD_PART, key, partNumber);
            MultipartUpload upload = upload(Verb.UPLOAD_PART, key, uploadId);
            Blob content = receive(Verb.UPLOAD_PART, key, body);
            ledger.received(content.size());
            byte[] md5 = Etags.md5(content);
            ETag etag = Etags.single(md5);
            upload.putPart(Verb.UPLOAD_PART, partNumber, new MultipartUpload.Part(content, etag, md5));
            return new CompletedPart(partNumber, etag);
        });
    }

    @Override
    public CompletableFuture<CompletedPart> uploadPartCopy(String key, String uploadId, int partNumber,
                                                           String sourceKey, ByteRange sourceRange, ETag ifMatch) {
        Verb verb = Verb.UPLOAD_PART_COPY;
        return run(verb, key, () -> {
            S3Rules.checkKey(verb, key);
            S3Rules.checkPartNumber(verb, key, partNumber);
            MultipartUpload upload = upload(verb, key, uploadId);
            StoredObject source = existing(verb, sourceKey);
            checkIfMatch(verb, sourceKey, source, ifMatch);
            long size = source.content().size();
            ByteRange range = sourceRange == null ? ByteRange.of(0, size) : sourceRange;
            if (sourceRange != null && (range.isEmpty() || range.end() > size)) {
                throw StoreErrors.of(Kind.INVALID_REQUEST, verb, key,
                        "InvalidArgument: range " + range + " is not within source " + sourceKey + " of " + size + " bytes");
            }
            S3Rules.checkSingleRequestSize(verb, sourceKey, range.length());
            Blob content = source.content().slice(range.start(), range.length());
            byte[] whole = range.length() == size ? Etags.md5Of(source.etag()) : null;
            byte[] md5 = whole != null ? whole : Etags.md5(content);
            ETag etag = Etags.single(md5);
            upload.putPart(verb, partNumber, new MultipartUpload.Part(content, etag, md5));
            return new CompletedPart(partNumber, etag);
        });
    }

    @Override
    public CompletableFuture<ETag> completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts) {
        return run(Verb.COMPLETE_MULTIPART, key, () -> {
            S3Rules.checkKey(Verb.COMPLETE_MULTIPART, key);
            MultipartUpload upload = upload(Verb.COMPLETE_MULTIPART, key, uploadId);
            StoredObject o = upload.complete(parts, clock.instant());
            uploads.remove(uploadId);
            objects.put(key, o);
            return o.etag();
        });
    }

    @Override
    public CompletableFuture<Void> abortMultipartUpload(String key, String uploadId) {
        return run(Verb.ABORT_MULTIPART, key, () -> {
            S3Rules.checkKey(Verb.ABORT_MULTIPART, key);
            upload(Verb.ABORT_MULTIPART, key, uploadId).abort();
            uploads.remove(uploadId);
            return null;
        });
    }

    @Override
    public CompletableFuture<List<PendingUpload>> listMultipartUploads(String prefix) {
        String p = prefix == null ? "" : prefix;
        return run(Verb.LIST_MULTIPART, p, () -> {
            requireBucket(Verb.LIST_MULTIPART, null);
            return pendingUploads(p);
        });
    }

    /** Stops the I/O threads after the requests already accepted. Later requests fail. Idempotent. */
    @Override
    public void close() {
        io.shutdown();
    }

    // ---- counters and end-of-test checks ----------------------------------------------------------

    /** Requests of this verb since creation or {@link #resetCounts()}, failed ones included. */
    public long requestCount(Verb verb) {
        return ledger.requests(verb);
    }

    public long totalRequestCount() {
        return ledger.totalRequests();
    }

    /** Body bytes received by PUT and UploadPart (not server-side copies). */
    public long bytesIn() {
        return ledger.bytesIn();
    }

    /** Body bytes returned by GET. */
    public long bytesOut() {
        return ledger.bytesOut();
    }

    /** Zeroes request and byte counters; stored objects, uploads and recorded misuse stay. */
    public void resetCounts() {
        ledger.reset();
    }

    /** Fails, naming each one, if a multipart upload was created and neither completed nor aborted. */
    public void assertNoPendingUploads() {
        List<PendingUpload> pending = pendingUploads("");
        if (!pending.isEmpty()) {
            throw new AssertionError(pending.size() + " multipart upload(s) left pending in bucket " + bucket + ": " + pending);
        }
    }

    /**
     * Fails if a request has started and its future has not completed yet: the engine left work behind
     * (fire-and-forget) or the test did not wait for it. A request's future completes after it leaves this
     * list, so once every future was awaited the check passes.
     */
    public void assertNoRequestsInFlight() {
        List<String> inFlight = ledger.inFlight();
        if (!inFlight.isEmpty()) {
            throw new AssertionError(inFlight.size() + " request(s) still in flight: " + inFlight);
        }
    }

    /** Fails if anything waited on a pending future of this store from a store I/O thread. */
    public void assertNoBlockingOnStoreThreads() {
        List<String> violations = ledger.blockingViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError("blocked on store I/O threads " + violations.size() + " time(s): " + violations);
        }
    }

    /** All end-of-test checks: no pending upload, nothing in flight, no blocking on I/O threads. */
    public void assertClean() {
        assertNoBlockingOnStoreThreads();
        assertNoRequestsInFlight();
        assertNoPendingUploads();
    }

    // ---- acting as another S3 client --------------------------------------------------------------

    /**
     * Writes an object at once as another client would (same checks as PUT), without counting a request.
     *
     * @throws StoreException as PUT would fail
     */
    public ETag putDirect(String key, byte[] bytes, ObjectAttributes attributes) {
        StoredObject o = newObject(Verb.PUT, key, ByteBuffer.wrap(bytes), attributes);
        objects.put(key, o);
        return o.etag();
    }

    public ETag putDirect(String key, byte[] bytes) {
        return putDirect(key, bytes, ObjectAttributes.NONE);
    }

    /** Deletes an object at once as another client would; true if it existed. Not counted. */
    public boolean deleteDirect(String key) {
        S3Rules.checkKey(Verb.DELETE, key);
        return objects.remove(key) != null;
    }

    /** Every object now, in listing order, with a copy of its bytes. Not counted. */
    public SortedMap<String, ObjectSnapshot> snapshot() {
        SortedMap<String, ObjectSnapshot> out = new TreeMap<>(Utf8Order.INSTANCE);
        for (Map.Entry<String, StoredObject> e : objects.entrySet()) {
            StoredObject o = e.getValue();
            out.put(e.getKey(), new ObjectSnapshot(o.meta(e.getKey()), o.content().toByteArray()));
        }
        return out;
    }

    // ---- internals --------------------------------------------------------------------------------

    private <T> CompletableFuture<T> run(Verb verb, String key, Supplier<T> work) {
        long id = ledger.started(verb, key);
        StoreFuture<T> future = new StoreFuture<>(ledger::blocked);
        try {
            io.execute(() -> {
                T result;
                try {
                    result = work.get();
                } catch (StoreException e) {
                    ledger.finished(id);
                    future.completeExceptionally(e);
                    return;
                } catch (RuntimeException e) {
                    ledger.finished(id);
                    future.completeExceptionally(new StoreException(Kind.OTHER, verb, key, 0, "in-memory store failed: " + e, e));
                    return;
                }
                ledger.finished(id);
                future.complete(result);
            });
        } catch (RejectedExecutionException e) {
            ledger.finished(id);
            future.completeExceptionally(new StoreException(Kind.OTHER, verb, key, 0, "store is closed", e));
        }
        return future;
    }

    private StoredObject newObject(Verb verb, String key, ByteBuffer body, ObjectAttributes attributes) {
        S3Rules.checkKey(verb, key);
        Map<String, String> meta = S3Rules.userMetadata(verb, key, attributes);
        requireBucket(verb, key);
        Blob content = receive(verb, key, body);
        return new StoredObject(content, Etags.single(Etags.md5(content)), clock.instant(), S3Rules.contentType(attributes), meta);
    }

    private Blob receive(Verb verb, String key, ByteBuffer body) {
        if (body == null) {
            throw StoreErrors.of(Kind.INVALID_REQUEST, verb, key, "no body");
        }
        S3Rules.checkSingleRequestSize(verb, key, body.remaining());
        return Blob.copyOf(body);
    }

    private void requireBucket(Verb verb, String key) {
        if (!bucketExists.get()) {
            throw StoreErrors.of(Kind.NOT_FOUND, verb, key, "NoSuchBucket: " + bucket);
        }
    }

    private StoredObject existing(Verb verb, String key) {
        S3Rules.checkKey(verb, key);
        requireBucket(verb, key);
        StoredObject o = objects.get(key);
        if (o == null) {
            throw StoreErrors.of(Kind.NOT_FOUND, verb, key, "NoSuchKey");
        }
        return o;
    }

    private static void checkIfMatch(Verb verb, String key, StoredObject o, ETag ifMatch) {
        if (ifMatch != null && !ifMatch.equals(o.etag())) {
            throw StoreErrors.of(Kind.PRECONDITION_FAILED, verb, key,
                    "PreconditionFailed: ETag is " + o.etag() + ", not " + ifMatch);
        }
    }

    private MultipartUpload upload(Verb verb, String key, String uploadId) {
        requireBucket(verb, key);
        MultipartUpload u = uploadId == null ? null : uploads.get(uploadId);
        if (u == null || !u.key().equals(key)) {
            throw StoreErrors.of(Kind.NOT_FOUND, verb, key, "NoSuchUpload: " + uploadId);
        }
        return u;
    }

    private List<PendingUpload> pendingUploads(String prefix) {
        return uploads.values().stream()
                .map(MultipartUpload::pending)
                .filter(p -> p.key().startsWith(prefix))
                .sorted(Comparator.comparing(PendingUpload::key, Utf8Order.INSTANCE)
                        .thenComparing(PendingUpload::initiated)
                        .thenComparing(PendingUpload::uploadId))
                .toList();
    }

    /** Configures an {@link InMemoryObjectStore}. */
    public static final class Builder {
        private String bucket = "test-bucket";
        private Clock clock = Clock.systemUTC();
        private int ioThreads = 2;
        private boolean bucketExists = true;

        private Builder() {
        }

        public Builder bucket(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("bucket name '" + name + "' is blank");
            }
            this.bucket = name;
            return this;
        }

        /** The source of LastModified and upload initiation times. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** I/O threads that run requests and complete futures; 1 gives strictly FIFO completion. */
        public Builder ioThreads(int threads) {
            if (threads < 1 || threads > 16) {
                throw new IllegalArgumentException("ioThreads " + threads + " is outside 1..16");
            }
            this.ioThreads = threads;
            return this;
        }

        /** Start without the bucket, so that {@link #createBucket()} has something to do. */
        public Builder withoutBucket() {
            this.bucketExists = false;
            return this;
        }

        public InMemoryObjectStore build() {
            return new InMemoryObjectStore(this);
        }
    }
}
