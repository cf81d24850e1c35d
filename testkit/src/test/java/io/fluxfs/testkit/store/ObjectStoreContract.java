package io.fluxfs.testkit.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ObjectStore} shares with real S3, as the port's javadoc states it. The same
 * body runs against the in-memory fake and against real servers, so it uses only the port and only what
 * real S3 does; checks of fake-only features live in the fake's own tests.
 *
 * <p>Every test cleans up the multipart uploads it starts (a real bucket would keep them).
 */
public abstract class ObjectStoreContract {

    protected static final int MIB = 1024 * 1024;
    private static final long TIMEOUT_SECONDS = 60;

    private ObjectStore store;

    /**
     * A store bound to an existing, empty bucket that only the current test uses. Called once before
     * each test; the contract never closes it.
     */
    protected abstract ObjectStore store();

    /** A store bound to a bucket name that does not exist yet; the test creates the bucket. */
    protected abstract ObjectStore storeWithoutBucket();

    /**
     * Null when the server enforces S3's limits like AWS does; otherwise why it does not. S3Proxy 4.1
     * accepts keys over 1024 bytes, parts of unknown or aborted uploads, parts out of order at
     * completion, and cannot hold a key {@code a} beside keys under {@code a/} in its nio2 stores.
     * The engine enforces these limits itself, so they stay covered by the fake and by real S3.
     */
    protected String lenientServer() {
        return null;
    }

    private void requireStrictServer() {
        org.junit.jupiter.api.Assumptions.assumeTrue(lenientServer() == null,
                () -> "skipped on this server: " + lenientServer());
    }

    @BeforeEach
    final void openStore() {
        store = store();
    }

    // ---- buckets ----------------------------------------------------------------------------------

    @Test
    void freshBucketExists() {
        assertTrue(await(store.bucketExists()));
    }

    @Test
    void createBucketMakesItExistAndSecondCreateConflicts() {
        ObjectStore unborn = storeWithoutBucket();
        assertFalse(await(unborn.bucketExists()));
        await(unborn.createBucket());
        assertTrue(await(unborn.bucketExists()));
        assertEquals(Kind.CONFLICT, failure(unborn.createBucket()).kind());
    }

    // ---- PUT, HEAD, GET ---------------------------------------------------------------------------

    @Test
    void putThenHeadAndGetRoundTripBytesAndAttributes() {
        byte[] data = bytes(1000, 1);
        ObjectAttributes attrs = new ObjectAttributes("text/plain", Map.of("Mode", "0644", "uid", "1000"));
        ETag etag = await(store.put("dir/file.txt", ByteBuffer.wrap(data), attrs));

        ObjectMeta meta = await(store.head("dir/file.txt"));
        assertEquals("dir/file.txt", meta.key());
        assertEquals(1000, meta.size());
        assertEquals(etag, meta.etag());
        assertEquals("text/plain", meta.contentType());
        assertEquals(Map.of("mode", "0644", "uid", "1000"), meta.userMetadata());

        GetResult got = await(store.get("dir/file.txt", null, null));
        assertArrayEquals(data, toArray(got.data()));
        assertEquals(1000, got.objectSize());
        assertEquals(etag, got.meta().etag());
    }

    @Test
    void singlePutEtagIsContentMd5() throws Exception {
        byte[] data = "hello fluxfs".getBytes(StandardCharsets.UTF_8);
        ETag etag = await(store.put("k", ByteBuffer.wrap(data), ObjectAttributes.NONE));
        byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(data);
        assertEquals(java.util.HexFormat.of().formatHex(md5), etag.value());
    }

    @Test
    void putReadsBodyFromPositionToLimit() {
        ByteBuffer body = ByteBuffer.wrap(bytes(10, 2));
        body.position(3).limit(7);
        await(store.put("k", body, ObjectAttributes.NONE));
        byte[] expected = java.util.Arrays.copyOfRange(bytes(10, 2), 3, 7);
        assertArrayEquals(expected, toArray(await(store.get("k", null, null)).data()));
    }

    @Test
    void overwriteReplacesContentAndEtag() {
        ETag first = await(store.put("k", ByteBuffer.wrap(bytes(10, 1)), ObjectAttributes.NONE));
        ETag second = await(store.put("k", ByteBuffer.wrap(bytes(20, 2)), ObjectAttributes.NONE));
        assertNotEquals(first, second);
        assertEquals(20, await(store.head("k")).size());
    }

    @Test
    void missingKeyIsNotFound() {
        assertEquals(Kind.NOT_FOUND, failure(store.head("absent")).kind());
        assertEquals(Kind.NOT_FOUND, failure(store.get("absent", null, null)).kind());
        assertEquals(Kind.NOT_FOUND, failure(store.get("absent", ByteRange.of(0, 10), null)).kind());
    }

    @Test
    void keyOf1024Utf8BytesWorksAnd1025IsRefused() {
        requireStrictServer();
        String longest = "é".repeat(512);
        await(store.put(longest, ByteBuffer.wrap(bytes(3, 1)), ObjectAttributes.NONE));
        assertEquals(3, await(store.head(longest)).size());

        String tooLong = "é".repeat(512) + "x";
        StoreException e = failure(store.put(tooLong, ByteBuffer.wrap(bytes(3, 1)), ObjectAttributes.NONE));
        assertEquals(Kind.INVALID_REQUEST, e.kind());
        assertFalse(e.retryable());
    }

    // ---- ranges and If-Match ----------------------------------------------------------------------

    @Test
    void rangeIsClippedToObjectSize() {
        byte[] data = bytes(100, 3);
        await(store.put("k", ByteBuffer.wrap(data), ObjectAttributes.NONE));

        GetResult middle = await(store.get("k", ByteRange.of(10, 20), null));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 10, 30), toArray(middle.data()));
        assertEquals(100, middle.objectSize());

        GetResult tail = await(store.get("k", ByteRange.of(90, 1000), null));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 90, 100), toArray(tail.data()));
        assertEquals(100, tail.objectSize());
    }

    @Test
    void rangeStartingAtOrPastEndIsInvalidRange() {
        await(store.put("k", ByteBuffer.wrap(bytes(100, 3)), ObjectAttributes.NONE));
        assertEquals(Kind.INVALID_RANGE, failure(store.get("k", ByteRange.of(100, 1), null)).kind());
        assertEquals(Kind.INVALID_RANGE, failure(store.get("k", ByteRange.of(5000, 10), null)).kind());
    }

    @Test
    void zeroByteObjectReadsEmptyWholeAndWithRangeFromZero() {
        await(store.put("dir/", ByteBuffer.allocate(0), new ObjectAttributes("application/x-directory", Map.of())));
        GetResult whole = await(store.get("dir/", null, null));
        assertEquals(0, whole.data().remaining());
        assertEquals(0, whole.objectSize());
        GetResult ranged = await(store.get("dir/", ByteRange.of(0, 1024), null));
        assertEquals(0, ranged.data().remaining());
        assertEquals(0, ranged.objectSize());
        assertEquals("application/x-directory", await(store.head("dir/")).contentType());
    }

    @Test
    void ifMatchReadsCurrentVersionAndRefusesStaleOne() {
        ETag old = await(store.put("k", ByteBuffer.wrap(bytes(10, 1)), ObjectAttributes.NONE));
        assertEquals(10, await(store.get("k", ByteRange.of(0, 5), old)).objectSize());
        await(store.put("k", ByteBuffer.wrap(bytes(12, 2)), ObjectAttributes.NONE));
        StoreException e = failure(store.get("k", ByteRange.of(0, 5), old));
        assertEquals(Kind.PRECONDITION_FAILED, e.kind());
        assertFalse(e.retryable());
    }

    // ---- listing ----------------------------------------------------------------------------------

    @Test
    void flatListingIsInUtf8ByteOrder() {
        requireStrictServer();
        // UTF-16 order would put the emoji (a surrogate pair) before U+FF21; UTF-8 byte order puts it after.
        List<String> keys = List.of("a", "a-b", "a/b", "ab", "b", "z", "é", "Ａ", "😀");
        for (String k : shuffled(keys)) {
            putSmall(k);
        }
        assertEquals(keys, keysOf(listAll("", null, 1000)));
    }

    @Test
    void delimiterGroupsCommonPrefixes() {
        for (String k : List.of("a/1", "a/2", "b", "c/d/e", "c/x", "c/", "d")) {
            putSmall(k);
        }
        ListPage root = await(store.list(new ListRequest("", "/", null, 1000)));
        assertEquals(List.of("b", "d"), keysOf(root.objects()));
        assertEquals(List.of("a/", "c/"), root.commonPrefixes());
        assertFalse(root.isTruncated());

        ListPage c = await(store.list(ListRequest.directory("c/", null)));
        assertEquals(List.of("c/", "c/x"), keysOf(c.objects()));
        assertEquals(List.of("c/d/"), c.commonPrefixes());
        assertFalse(c.isTruncated());
    }

    @Test
    void listingShowsSizeEtagAndTime() {
        ETag etag = await(store.put("k", ByteBuffer.wrap(bytes(42, 1)), ObjectAttributes.NONE));
        ListPage.Entry e = await(store.list(new ListRequest("", null, null, 10))).objects().get(0);
        assertEquals(new ListPage.Entry("k", 42, etag, e.lastModified()), e);
        assertEquals(await(store.head("k")).lastModified(), e.lastModified());
    }

    @Test
    void prefixWithNoKeysListsNothing() {
        putSmall("a/1");
        ListPage page = await(store.list(ListRequest.directory("none/", null)));
        assertTrue(page.objects().isEmpty());
        assertTrue(page.commonPrefixes().isEmpty());
        assertNull(page.nextToken());
    }

    @Test
    void paginationReturnsEveryKeyOnceWithinMaxKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            keys.add("p/" + i);
        }
        keys.forEach(this::putSmall);
        List<ListPage> pages = listPages("p/", null, 2);
        assertEquals(4, pages.size());
        pages.forEach(p -> assertTrue(p.objects().size() <= 2));
        assertEquals(keys, keysOf(pages.stream().flatMap(p -> p.objects().stream()).toList()));
        assertNull(pages.get(3).nextToken());
    }

    @Test
    void pageThatEndsExactlyAtTheLastKeyIsNotTruncated() {
        putSmall("x/1");
        putSmall("x/2");
        ListPage page = await(store.list(new ListRequest("x/", null, null, 2)));
        assertEquals(2, page.objects().size());
        assertFalse(page.isTruncated());
    }

    @Test
    void paginationWithDelimiterCountsPrefixesAndReturnsEachOnce() {
        for (String k : List.of("d/a/1", "d/a/2", "d/b", "d/c/1", "d/d", "d/e/1", "d/e/2", "d/f")) {
            putSmall(k);
        }
        List<ListPage> pages = listPages("d/", "/", 2);
        List<String> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (ListPage p : pages) {
            assertTrue(p.objects().size() + p.commonPrefixes().size() <= 2, "page over maxKeys: " + p);
            objects.addAll(keysOf(p.objects()));
            prefixes.addAll(p.commonPrefixes());
        }
        assertEquals(List.of("d/b", "d/d", "d/f"), objects);
        assertEquals(List.of("d/a/", "d/c/", "d/e/"), prefixes);
    }

    @Test
    void continuationSurvivesInsertsBeforeAndAfterTheToken() {
        for (String k : List.of("k2", "k4", "k6", "k8")) {
            putSmall(k);
        }
        ListPage first = await(store.list(new ListRequest("k", null, null, 2)));
        assertEquals(List.of("k2", "k4"), keysOf(first.objects()));
        putSmall("k1");
        putSmall("k5");
        putSmall("k9");
        List<String> rest = new ArrayList<>();
        String token = first.nextToken();
        while (token != null) {
            ListPage page = await(store.list(new ListRequest("k", null, token, 2)));
            rest.addAll(keysOf(page.objects()));
            token = page.nextToken();
        }
        assertEquals(List.of("k5", "k6", "k8", "k9"), rest);
    }

    // ---- DELETE -----------------------------------------------------------------------------------

    @Test
    void deleteRemovesAndDeletingAbsentKeySucceeds() {
        putSmall("k");
        await(store.delete("k"));
        assertEquals(Kind.NOT_FOUND, failure(store.head("k")).kind());
        await(store.delete("k"));
        await(store.delete("never-was"));
    }

    @Test
    void deleteManyRemovesPresentAndAbsentKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add("m/" + i);
            putSmall("m/" + i);
        }
        putSmall("keep");
        List<String> batch = new ArrayList<>(keys);
        batch.add("m/absent");
        assertEquals(List.of(), await(store.deleteMany(batch)));
        assertEquals(List.of("keep"), keysOf(listAll("", null, 1000)));
    }

    @Test
    void deleteManyRefusesMoreThan1000Keys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i <= ObjectStore.MAX_DELETE_BATCH; i++) {
            keys.add("x/" + i);
        }
        assertEquals(Kind.INVALID_REQUEST, failure(store.deleteMany(keys)).kind());
    }

    // ---- CopyObject -------------------------------------------------------------------------------

    @Test
    void copyKeepsSourceAttributesByDefault() {
        byte[] data = bytes(300, 4);
        ETag src = await(store.put("src", ByteBuffer.wrap(data), new ObjectAttributes("image/png", Map.of("mode", "0600"))));
        ETag copied = await(store.copy("src", "dst", null, null));
        assertEquals(src, copied);
        ObjectMeta meta = await(store.head("dst"));
        assertEquals("image/png", meta.contentType());
        assertEquals(Map.of("mode", "0600"), meta.userMetadata());
        assertArrayEquals(data, toArray(await(store.get("dst", null, null)).data()));
        assertEquals(300, await(store.head("src")).size());
    }

    @Test
    void copyWithReplaceSetsNewAttributesEvenOntoItself() {
        byte[] data = bytes(300, 4);
        await(store.put("f", ByteBuffer.wrap(data), new ObjectAttributes("text/plain", Map.of("mode", "0600", "uid", "1"))));
        await(store.copy("f", "f", new ObjectAttributes("text/html", Map.of("mode", "0755")), null));
        ObjectMeta meta = await(store.head("f"));
        assertEquals("text/html", meta.contentType());
        assertEquals(Map.of("mode", "0755"), meta.userMetadata());
        assertArrayEquals(data, toArray(await(store.get("f", null, null)).data()));
    }

    @Test
    void copyOfMissingSourceIsNotFoundAndStaleIfMatchIsRefused() {
        assertEquals(Kind.NOT_FOUND, failure(store.copy("absent", "dst", null, null)).kind());
        ETag old = await(store.put("src", ByteBuffer.wrap(bytes(5, 1)), ObjectAttributes.NONE));
        await(store.put("src", ByteBuffer.wrap(bytes(6, 2)), ObjectAttributes.NONE));
        assertEquals(Kind.PRECONDITION_FAILED, failure(store.copy("src", "dst", null, old)).kind());
        assertEquals(Kind.NOT_FOUND, failure(store.head("dst")).kind());
    }

    // ---- multipart --------------------------------------------------------------------------------

    @Test
    void multipartUploadJoinsPartsAndAppliesAttributes() {
        byte[] one = bytes(5 * MIB, 1);
        byte[] two = bytes(1234, 2);
        String id = await(store.createMultipartUpload("big", new ObjectAttributes("video/mp4", Map.of("mode", "0644"))));
        CompletedPart p1 = await(store.uploadPart("big", id, 1, ByteBuffer.wrap(one)));
        CompletedPart p2 = await(store.uploadPart("big", id, 2, ByteBuffer.wrap(two)));
        assertEquals(1, p1.partNumber());
        ETag etag = await(store.completeMultipartUpload("big", id, List.of(p1, p2)));
        assertTrue(etag.value().endsWith("-2"), etag.value());

        ObjectMeta meta = await(store.head("big"));
        assertEquals(one.length + two.length, meta.size());
        assertEquals(etag, meta.etag());
        assertEquals("video/mp4", meta.contentType());
        assertEquals(Map.of("mode", "0644"), meta.userMetadata());
        GetResult seam = await(store.get("big", ByteRange.of(5 * MIB - 2, 4), null));
        assertArrayEquals(new byte[] {one[one.length - 2], one[one.length - 1], two[0], two[1]}, toArray(seam.data()));
        assertTrue(await(store.listMultipartUploads("big")).isEmpty());
    }

    @Test
    void completeMayLeaveOutUploadedParts() {
        byte[] one = bytes(5 * MIB, 1);
        String id = await(store.createMultipartUpload("k", ObjectAttributes.NONE));
        CompletedPart p1 = await(store.uploadPart("k", id, 1, ByteBuffer.wrap(one)));
        await(store.uploadPart("k", id, 2, ByteBuffer.wrap(bytes(5 * MIB, 2))));
        CompletedPart p3 = await(store.uploadPart("k", id, 3, ByteBuffer.wrap(bytes(7, 3))));
        await(store.completeMultipartUpload("k", id, List.of(p1, p3)));
        assertEquals(5 * MIB + 7, await(store.head("k")).size());
        assertArrayEquals(bytes(7, 3), toArray(await(store.get("k", ByteRange.of(5 * MIB, 100), null)).data()));
    }

    @Test
    void reuploadedPartReplacesThePrevious() {
        String id = await(store.createMultipartUpload("k", ObjectAttributes.NONE));
        CompletedPart old = await(store.uploadPart("k", id, 1, ByteBuffer.wrap(bytes(10, 1))));
        CompletedPart now = await(store.uploadPart("k", id, 1, ByteBuffer.wrap(bytes(11, 2))));
        assertEquals(Kind.INVALID_REQUEST, failure(store.completeMultipartUpload("k", id, List.of(old))).kind());
        await(store.completeMultipartUpload("k", id, List.of(now)));
        assertArrayEquals(bytes(11, 2), toArray(await(store.get("k", null, null)).data()));
    }

    @Test
    void partSmallerThan5MibThatIsNotLastIsRefusedAtComplete() {
        String id = await(store.createMultipartUpload("k", ObjectAttributes.NONE));
        CompletedPart p1 = await(store.uploadPart("k", id, 1, ByteBuffer.wrap(bytes(5 * MIB - 1, 1))));
        CompletedPart p2 = await(store.uploadPart("k", id, 2, ByteBuffer.wrap(bytes(10, 2))));
        StoreException e = failure(store.completeMultipartUpload("k", id, List.of(p1, p2)));
        assertEquals(Kind.INVALID_REQUEST, e.kind());
        assertEquals(Kind.NOT_FOUND, failure(store.head("k")).kind());
        assertEquals(1, await(store.listMultipartUploads("k")).size(), "a refused Complete leaves the upload open");
        await(store.abortMultipartUpload("k", id));
    }

    @Test
    void completeRefusesPartsOutOfOrderOrWithWrongEtag() {
        requireStrictServer();
        String id = await(store.createMultipartUpload("k", ObjectAttributes.NONE));
        CompletedPart p1 = await(store.uploadPart("k", id, 1, ByteBuffer.wrap(bytes(5 * MIB, 1))));
        CompletedPart p2 = await(store.uploadPart("k", id, 2, ByteBuffer.wrap(bytes(5 * MIB, 2))));
        assertEquals(Kind.INVALID_REQUEST, failure(store.completeMultipartUpload("k", id, List.of(p2, p1))).kind());
        CompletedPart forged = new CompletedPart(2, new ETag("0123456789abcdef0123456789abcdef"));
        assertEquals(Kind.INVALID_REQUEST, failure(store.completeMultipartUpload("k", id, List.of(p1, forged))).kind());
        CompletedPart never = new CompletedPart(3, p2.etag());
        assertEquals(Kind.INVALID_REQUEST, failure(store.completeMultipartUpload("k", id, List.of(p1, p2, never))).kind());
        await(store.completeMultipartUpload("k", id, List.of(p1, p2)));
        assertEquals(10L * MIB, await(store.head("k")).size());
    }

    @Test
    void partNumberOutsideRangeIsRefused() {
        String id = await(store.createMultipartUpload("k", ObjectAttributes.NONE));
        assertEquals(Kind.INVALID_REQUEST, failure(store.uploadPart("k", id, 0, ByteBuffer.wrap(bytes(5, 1)))).kind());
        assertEquals(Kind.INVALID_REQUEST,
                failure(store.uploadPart("k", id, ObjectStore.MAX_PARTS + 1, ByteBuffer.wrap(bytes(5, 1)))).kind());
        await(store.abortMultipartUpload("k", id));
    }

    @Test
    void unknownUploadIdIsNotFoundForEveryMultipartVerb() {
        requireStrictServer();
        putSmall("src");
        String bogus = "no-such-upload-id";
        assertEquals(Kind.NOT_FOUND, failure(store.uploadPart("k", bogus, 1, ByteBuffer.wrap(bytes(5, 1)))).kind());
        assertEquals(Kind.NOT_FOUND, failure(store.uploadPartCopy("k", bogus, 1, "src", null, null)).kind());
        CompletedPart part = new CompletedPart(1, new ETag("0123456789abcdef0123456789abcdef"));
        assertEquals(Kind.NOT_FOUND, failure(store.completeMultipartUpload("k", bogus, List.of(part))).kind());
        assertEquals(Kind.NOT_FOUND, failure(store.abortMultipartUpload("k", bogus)).kind());
    }

    @Test
    void abortedUploadTakesNoMoreParts() {
        requireStrictServer();
        String id = await(store.createMultipartUpload("k", ObjectAttributes.NONE));
        CompletedPart p1 = await(store.uploadPart("k", id, 1, ByteBuffer.wrap(bytes(10, 1))));
        await(store.abortMultipartUpload("k", id));
        assertEquals(Kind.NOT_FOUND, failure(store.uploadPart("k", id, 2, ByteBuffer.wrap(bytes(10, 2)))).kind());
        assertEquals(Kind.NOT_FOUND, failure(store.completeMultipartUpload("k", id, List.of(p1))).kind());
        assertEquals(Kind.NOT_FOUND, failure(store.head("k")).kind());
    }

    @Test
    void completedUploadCannotBeAborted() {
        String id = await(store.createMultipartUpload("k", ObjectAttributes.NONE));
        CompletedPart p1 = await(store.uploadPart("k", id, 1, ByteBuffer.wrap(bytes(10, 1))));
        await(store.completeMultipartUpload("k", id, List.of(p1)));
        assertEquals(Kind.NOT_FOUND, failure(store.abortMultipartUpload("k", id)).kind());
        assertEquals(10, await(store.head("k")).size());
    }

    @Test
    void uploadPartCopyTakesARangeOfAnotherObject() {
        byte[] source = bytes(6 * MIB, 5);
        ETag srcEtag = await(store.put("src", ByteBuffer.wrap(source), ObjectAttributes.NONE));
        String id = await(store.createMultipartUpload("dst", ObjectAttributes.NONE));
        CompletedPart p1 = await(store.uploadPartCopy("dst", id, 1, "src", ByteRange.of(MIB, 5 * MIB), srcEtag));
        CompletedPart p2 = await(store.uploadPart("dst", id, 2, ByteBuffer.wrap(bytes(100, 6))));
        await(store.completeMultipartUpload("dst", id, List.of(p1, p2)));

        byte[] expected = new byte[5 * MIB + 100];
        System.arraycopy(source, MIB, expected, 0, 5 * MIB);
        System.arraycopy(bytes(100, 6), 0, expected, 5 * MIB, 100);
        assertArrayEquals(expected, toArray(await(store.get("dst", null, null)).data()));
    }

    @Test
    void uploadPartCopyWithStaleIfMatchOrMissingSourceIsRefused() {
        ETag old = await(store.put("src", ByteBuffer.wrap(bytes(10, 1)), ObjectAttributes.NONE));
        await(store.put("src", ByteBuffer.wrap(bytes(11, 2)), ObjectAttributes.NONE));
        String id = await(store.createMultipartUpload("dst", ObjectAttributes.NONE));
        assertEquals(Kind.PRECONDITION_FAILED,
                failure(store.uploadPartCopy("dst", id, 1, "src", ByteRange.of(0, 5), old)).kind());
        assertEquals(Kind.NOT_FOUND, failure(store.uploadPartCopy("dst", id, 1, "absent", ByteRange.of(0, 5), null)).kind());
        await(store.abortMultipartUpload("dst", id));
    }

    @Test
    void listMultipartUploadsShowsPendingUnderPrefixUntilAborted() {
        String a = await(store.createMultipartUpload("up/a", ObjectAttributes.NONE));
        String b = await(store.createMultipartUpload("up/b", ObjectAttributes.NONE));
        String other = await(store.createMultipartUpload("other/c", ObjectAttributes.NONE));
        List<PendingUpload> under = await(store.listMultipartUploads("up/"));
        assertEquals(List.of("up/a", "up/b"), under.stream().map(PendingUpload::key).toList());
        assertEquals(Set.of(a, b), Set.copyOf(under.stream().map(PendingUpload::uploadId).toList()));
        under.forEach(p -> assertNotNull(p.initiated()));
        assertEquals(3, await(store.listMultipartUploads("")).size());

        await(store.abortMultipartUpload("up/a", a));
        await(store.abortMultipartUpload("up/b", b));
        await(store.abortMultipartUpload("other/c", other));
        assertTrue(await(store.listMultipartUploads("")).isEmpty());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    protected static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("store call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("store call did not complete in " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the future and returns its StoreException; fails if it succeeded or failed otherwise. */
    protected static StoreException failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return fail("expected a StoreException, got " + value);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException se) {
                return se;
            }
            throw new AssertionError("failed with a non-StoreException: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("store call did not complete in " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    protected static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    protected static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private void putSmall(String key) {
        await(store.put(key, ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)), ObjectAttributes.NONE));
    }

    private List<ListPage> listPages(String prefix, String delimiter, int maxKeys) {
        List<ListPage> pages = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        String token = null;
        do {
            ListPage page = await(store.list(new ListRequest(prefix, delimiter, token, maxKeys)));
            pages.add(page);
            token = page.nextToken();
            assertTrue(token == null || tokens.add(token), "token repeated: " + token);
            assertTrue(pages.size() < 10_000, "listing does not end");
        } while (token != null);
        return pages;
    }

    private List<ListPage.Entry> listAll(String prefix, String delimiter, int maxKeys) {
        return listPages(prefix, delimiter, maxKeys).stream().flatMap(p -> p.objects().stream()).toList();
    }

    private static List<String> keysOf(List<ListPage.Entry> entries) {
        return entries.stream().map(ListPage.Entry::key).toList();
    }

    private static List<String> shuffled(List<String> keys) {
        List<String> copy = new ArrayList<>(keys);
        java.util.Collections.shuffle(copy, new Random(7));
        return copy;
    }
}
