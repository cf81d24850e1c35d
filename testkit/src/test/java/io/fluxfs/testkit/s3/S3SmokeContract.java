package io.fluxfs.testkit.s3;

import static io.fluxfs.testkit.s3.TestBucket.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.fluxfs.engine.store.crt.CrtObjectStores;
import io.fluxfs.engine.store.crt.S3Credentials;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The S3 verbs the engine relies on, through {@code CrtObjectStore}, against a real server. Subclasses
 * say which server; the body is the same for all of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class S3SmokeContract {

    private static final int MIB = 1024 * 1024;
    private static final Map<String, String> FILE_HEADERS = Map.of(
            "mode", "33188", "uid", "1000", "gid", "1000", "mtime", "1718000000.123456789");

    private S3Endpoint endpoint;
    private TestBucket bucket;
    private ObjectStore store;

    /** The server under test; may abort (skip) the class with a reason. */
    protected abstract S3Endpoint endpoint();

    /**
     * Resolved per test, not in {@code @BeforeAll}: an aborted {@code @BeforeAll} leaves surefire reporting
     * "0 tests run" instead of each test skipped with the reason.
     */
    @BeforeEach
    void freshBucket() {
        if (endpoint == null) {
            endpoint = endpoint();
        }
        bucket = TestBucket.create(endpoint);
        store = bucket.store();
    }

    @AfterEach
    void cleanUp() {
        if (bucket != null) {
            bucket.close();
        }
    }

    @Test
    void createdBucketExistsAndCannotBeCreatedTwice() {
        assertTrue(await(store.bucketExists()));
        assertKind(StoreException.Kind.CONFLICT, () -> await(store.createBucket()));
        try (ObjectStore other = endpoint.open(bucket.name() + "-absent")) {
            assertFalse(await(other.bucketExists()));
        }
    }

    @Test
    void putGetHeadKeepUserMetadataAndContentType() {
        byte[] body = "hello, fluxfs\n".getBytes(StandardCharsets.UTF_8);
        ETag etag = await(store.put("dir/file.txt", ByteBuffer.wrap(body), new ObjectAttributes("text/plain", FILE_HEADERS)));
        assertNotNull(etag);

        ObjectMeta head = await(store.head("dir/file.txt"));
        assertEquals(body.length, head.size());
        assertEquals(etag, head.etag());
        assertEquals("text/plain", head.contentType());
        assertEquals(FILE_HEADERS, head.userMetadata());

        GetResult get = await(store.get("dir/file.txt", null, null));
        assertArrayEquals(body, bytes(get.data()));
        assertEquals(body.length, get.objectSize());
        assertEquals(etag, get.meta().etag());
        assertEquals(FILE_HEADERS, get.meta().userMetadata());
        assertEquals("text/plain", get.meta().contentType());
    }

    @Test
    void putReadsTheBufferFromPositionToLimitAndLeavesItAlone() {
        ByteBuffer buf = ByteBuffer.wrap("xxPAYLOADyy".getBytes(StandardCharsets.US_ASCII), 2, 7);
        await(store.put("slice", buf, ObjectAttributes.NONE));
        assertEquals(2, buf.position());
        assertEquals("PAYLOAD", new String(bytes(await(store.get("slice", null, null)).data()), StandardCharsets.US_ASCII));
    }

    @Test
    void rangedGetReturnsTheRangeAndTheWholeSize() {
        byte[] body = random(1000, 1);
        await(store.put("ranged", ByteBuffer.wrap(body), ObjectAttributes.NONE));

        GetResult middle = await(store.get("ranged", ByteRange.of(100, 50), null));
        assertArrayEquals(Arrays.copyOfRange(body, 100, 150), bytes(middle.data()));
        assertEquals(1000, middle.objectSize());
        assertEquals(1000, middle.meta().size());

        GetResult clipped = await(store.get("ranged", ByteRange.of(990, 100), null));
        assertArrayEquals(Arrays.copyOfRange(body, 990, 1000), bytes(clipped.data()));

        assertKind(StoreException.Kind.INVALID_RANGE, () -> await(store.get("ranged", ByteRange.of(1000, 10), null)));
    }

    @Test
    void zeroByteObjectReadsAsEmptyWholeOrRanged() {
        await(store.put("empty-dir/", ByteBuffer.allocate(0),
                new ObjectAttributes("application/x-directory", Map.of("mode", "16877"))));

        GetResult whole = await(store.get("empty-dir/", null, null));
        assertEquals(0, whole.data().remaining());
        assertEquals(0, whole.objectSize());
        assertEquals("application/x-directory", whole.meta().contentType());
        assertEquals("16877", whole.meta().userMetadata().get("mode"));

        GetResult ranged = await(store.get("empty-dir/", ByteRange.of(0, 4096), null));
        assertEquals(0, ranged.data().remaining());
        assertEquals(0, ranged.objectSize());

        GetResult empty = await(store.get("empty-dir/", ByteRange.of(0, 0), null));
        assertEquals(0, empty.data().remaining());

        assertKind(StoreException.Kind.INVALID_RANGE, () -> await(store.get("empty-dir/", ByteRange.of(1, 10), null)));
    }

    @Test
    void multipartUploadOfParallelPartsReadsBackByteExact() {
        int partSize = 5 * MIB;
        byte[] body = random(3 * partSize + 123_457, 2);
        String key = "big/object.bin";
        String uploadId = await(store.createMultipartUpload(key, new ObjectAttributes("application/octet-stream", FILE_HEADERS)));

        List<CompletableFuture<CompletedPart>> uploads = new ArrayList<>();
        for (int part = 1, off = 0; off < body.length; part++, off += partSize) {
            int len = Math.min(partSize, body.length - off);
            uploads.add(store.uploadPart(key, uploadId, part, ByteBuffer.wrap(body, off, len)));
        }
        assertEquals(4, uploads.size());
        List<CompletedPart> parts = uploads.stream().map(TestBucket::await).toList();
        assertEquals(List.of(1, 2, 3, 4), parts.stream().map(CompletedPart::partNumber).toList());
        ETag etag = await(store.completeMultipartUpload(key, uploadId, parts));

        GetResult whole = await(store.get(key, null, null));
        assertEquals(body.length, whole.objectSize());
        assertArrayEquals(body, bytes(whole.data()));
        assertEquals(etag, whole.meta().etag());
        assertEquals(FILE_HEADERS, whole.meta().userMetadata());

        // A range across the boundary of parts 1 and 2.
        ByteRange across = ByteRange.of(partSize - 1000, 3000);
        GetResult piece = await(store.get(key, across, etag));
        assertArrayEquals(Arrays.copyOfRange(body, partSize - 1000, partSize + 2000), bytes(piece.data()));
        assertEquals(body.length, piece.objectSize());
    }

    @Test
    void listingWithDelimiterPagesThroughObjectsAndCommonPrefixes() {
        Set<String> files = new TreeSet<>();
        for (int i = 0; i < 7; i++) {
            files.add("dir/f" + i);
        }
        List<String> all = new ArrayList<>(files);
        all.addAll(List.of("dir/sub1/x", "dir/sub2/y", "dir/sub2/z", "other/w"));
        await(CompletableFuture.allOf(all.stream()
                .map(k -> store.put(k, ByteBuffer.wrap(k.getBytes(StandardCharsets.UTF_8)), ObjectAttributes.NONE))
                .toArray(CompletableFuture[]::new)));

        Set<String> seenObjects = new TreeSet<>();
        Set<String> seenPrefixes = new TreeSet<>();
        int pages = 0;
        ListRequest request = new ListRequest("dir/", "/", null, 3);
        ListPage page;
        do {
            page = await(store.list(request));
            pages++;
            assertTrue(page.objects().size() + page.commonPrefixes().size() <= 3, "page larger than maxKeys");
            page.objects().forEach(o -> {
                assertTrue(seenObjects.add(o.key()), "listed twice: " + o.key());
                assertEquals(o.key().length(), o.size());
                assertNotNull(o.lastModified());
            });
            seenPrefixes.addAll(page.commonPrefixes());
            request = request.next(page.nextToken());
        } while (page.isTruncated());

        assertTrue(pages > 1, "expected several pages, got " + pages);
        assertEquals(files, seenObjects);
        assertEquals(Set.of("dir/sub1/", "dir/sub2/"), seenPrefixes);

        ListPage flat = await(store.list(new ListRequest("dir/sub2/", null, null, 1000)));
        assertEquals(List.of("dir/sub2/y", "dir/sub2/z"), flat.objects().stream().map(ListPage.Entry::key).toList());
        assertFalse(flat.isTruncated());
    }

    @Test
    void copyWithReplaceChangesHeadersAndKeepsTheBody() {
        byte[] body = random(10_000, 3);
        ETag original = await(store.put("a", ByteBuffer.wrap(body), new ObjectAttributes("text/plain", FILE_HEADERS)));
        Map<String, String> chmod = Map.of("mode", "33261", "uid", "1000", "gid", "1000", "mtime", "1718000001");

        // chmod as fluxfs does it: a self-copy with REPLACE, guarded by the ETag.
        await(store.copy("a", "a", new ObjectAttributes("application/octet-stream", chmod), original));
        ObjectMeta self = await(store.head("a"));
        assertEquals(chmod, self.userMetadata());
        assertEquals("application/octet-stream", self.contentType());
        assertArrayEquals(body, bytes(await(store.get("a", null, null)).data()));

        // A copy elsewhere keeps the source's headers when not replacing.
        await(store.copy("a", "b", null, null));
        assertEquals(chmod, await(store.head("b")).userMetadata());
        assertArrayEquals(body, bytes(await(store.get("b", null, null)).data()));

        assertKind(StoreException.Kind.PRECONDITION_FAILED,
                () -> await(store.copy("a", "c", null, new ETag("0123456789abcdef0123456789abcdef"))));
    }

    @Test
    void uploadPartCopyReusesARangeOfAnotherObject() {
        byte[] source = random(6 * MIB, 4);
        ETag sourceTag = await(store.put("src", ByteBuffer.wrap(source), ObjectAttributes.NONE));
        byte[] tail = random(1000, 5);

        String uploadId = await(store.createMultipartUpload("dst", ObjectAttributes.NONE));
        CompletedPart copied = await(store.uploadPartCopy("dst", uploadId, 1, "src", ByteRange.of(MIB, 5 * MIB), sourceTag));
        CompletedPart written = await(store.uploadPart("dst", uploadId, 2, ByteBuffer.wrap(tail)));
        await(store.completeMultipartUpload("dst", uploadId, List.of(copied, written)));

        byte[] expected = new byte[5 * MIB + tail.length];
        System.arraycopy(source, MIB, expected, 0, 5 * MIB);
        System.arraycopy(tail, 0, expected, 5 * MIB, tail.length);
        assertArrayEquals(expected, bytes(await(store.get("dst", null, null)).data()));
    }

    @Test
    void deleteManyRemovesEveryKeyAndDeleteOfAbsentKeySucceeds() {
        List<String> keys = IntStream.range(0, 12).mapToObj(i -> "del/k" + i).toList();
        keys.forEach(k -> await(store.put(k, ByteBuffer.wrap(new byte[] {1}), ObjectAttributes.NONE)));
        assertEquals(12, await(store.list(new ListRequest("del/", null, null, 1000))).objects().size());

        List<String> withAbsent = new ArrayList<>(keys);
        withAbsent.add("del/never-existed");
        assertEquals(List.of(), await(store.deleteMany(withAbsent)));
        assertEquals(List.of(), await(store.list(new ListRequest("del/", null, null, 1000))).objects());

        await(store.delete("del/never-existed"));
    }

    @Test
    void pendingUploadsAreListedAndCanBeAborted() {
        String first = await(store.createMultipartUpload("mpu/one", ObjectAttributes.NONE));
        String second = await(store.createMultipartUpload("mpu/two", ObjectAttributes.NONE));
        String elsewhere = await(store.createMultipartUpload("other/three", ObjectAttributes.NONE));
        await(store.uploadPart("mpu/one", first, 1, ByteBuffer.wrap(random(1000, 6))));

        Map<String, String> pending = await(store.listMultipartUploads("mpu/")).stream()
                .collect(Collectors.toMap(PendingUpload::uploadId, PendingUpload::key));
        assertEquals(Map.of(first, "mpu/one", second, "mpu/two"), pending);

        await(store.abortMultipartUpload("mpu/one", first));
        await(store.abortMultipartUpload("mpu/two", second));
        assertEquals(List.of(), await(store.listMultipartUploads("mpu/")));
        assertEquals(List.of(elsewhere), await(store.listMultipartUploads("")).stream().map(PendingUpload::uploadId).toList());
        assertKind(StoreException.Kind.NOT_FOUND, () -> await(store.head("mpu/one")));
    }

    @Test
    void ifMatchFailsAfterAnOverwrite() {
        ETag v1 = await(store.put("versioned", ByteBuffer.wrap(bytes("one")), ObjectAttributes.NONE));
        assertEquals("one", text(await(store.get("versioned", null, v1))));
        ETag v2 = await(store.put("versioned", ByteBuffer.wrap(bytes("two!")), ObjectAttributes.NONE));
        assertNotEquals(v1, v2);

        StoreException e = assertKind(StoreException.Kind.PRECONDITION_FAILED,
                () -> await(store.get("versioned", ByteRange.of(0, 2), v1)));
        assertEquals(StoreException.Verb.GET, e.verb());
        assertEquals("versioned", e.key());
        assertEquals("two!", text(await(store.get("versioned", null, v2))));
    }

    @Test
    void missingKeyIsNotFound() {
        StoreException head = assertKind(StoreException.Kind.NOT_FOUND, () -> await(store.head("nope")));
        assertEquals(StoreException.Verb.HEAD, head.verb());
        assertEquals(404, head.httpStatus());
        assertNotNull(head.getCause(), "the SDK exception is kept as the cause");
        assertKind(StoreException.Kind.NOT_FOUND, () -> await(store.get("nope", null, null)));
    }

    @Test
    void wrongCredentialsAreAccessDenied() {
        await(store.put("secret", ByteBuffer.wrap(bytes("s")), ObjectAttributes.NONE));
        S3Credentials wrong = S3Credentials.of(endpoint.accessKey(), endpoint.secretKey() + "-wrong");
        try (ObjectStore intruder = CrtObjectStores.open(endpoint.config(bucket.name()).withCredentials(wrong))) {
            StoreException e = assertKind(StoreException.Kind.ACCESS_DENIED, () -> await(intruder.get("secret", null, null)));
            assertEquals(403, e.httpStatus());
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsFailAsStoreErrors() {
        ObjectStore extra = endpoint.open(bucket.name());
        extra.close();
        extra.close();
        assertKind(StoreException.Kind.OTHER, () -> await(extra.head("x")));
    }

    static StoreException assertKind(StoreException.Kind kind, Runnable call) {
        StoreException e = assertThrows(StoreException.class, call::run);
        assertEquals(kind, e.kind(), () -> "expected " + kind + " but got " + e);
        return e;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(GetResult r) {
        return new String(bytes(r.data()), StandardCharsets.UTF_8);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
