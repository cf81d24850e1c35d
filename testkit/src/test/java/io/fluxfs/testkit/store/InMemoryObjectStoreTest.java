package io.fluxfs.testkit.store;

import static io.fluxfs.testkit.store.ObjectStoreContract.await;
import static io.fluxfs.testkit.store.ObjectStoreContract.bytes;
import static io.fluxfs.testkit.store.ObjectStoreContract.failure;
import static io.fluxfs.testkit.store.ObjectStoreContract.toArray;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxfs.engine.store.ByteRange;
import io.fluxfs.engine.store.CompletedPart;
import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.ListPage;
import io.fluxfs.engine.store.ListRequest;
import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.engine.store.StoreException;
import io.fluxfs.engine.store.StoreException.Kind;
import io.fluxfs.engine.store.StoreException.Verb;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** What only the fake has: counters, end-of-test checks, the clock, its threads, and its stricter refusals. */
class InMemoryObjectStoreTest {

    private static final int MIB = 1024 * 1024;
    private static final Instant T0 = Instant.parse("2024-05-01T10:15:30Z");

    private final GatedClock clock = new GatedClock(T0);
    private final InMemoryObjectStore store = InMemoryObjectStore.builder().bucket("unit").clock(clock).build();

    @AfterEach
    void close() {
        clock.open();
        store.close();
    }

    // ---- counters ---------------------------------------------------------------------------------

    @Test
    void countsRequestsPerVerbAndBodyBytes() {
        await(store.put("a", ByteBuffer.wrap(bytes(100, 1)), ObjectAttributes.NONE));
        await(store.put("b", ByteBuffer.wrap(bytes(50, 2)), ObjectAttributes.NONE));
        await(store.get("a", ByteRange.of(10, 30), null));
        failure(store.head("absent"));

        assertEquals(2, store.requestCount(Verb.PUT));
        assertEquals(1, store.requestCount(Verb.GET));
        assertEquals(1, store.requestCount(Verb.HEAD), "failed requests count too");
        assertEquals(0, store.requestCount(Verb.LIST));
        assertEquals(4, store.totalRequestCount());
        assertEquals(150, store.bytesIn());
        assertEquals(30, store.bytesOut());

        store.resetCounts();
        assertEquals(0, store.totalRequestCount());
        assertEquals(0, store.bytesIn());
        assertEquals(0, store.bytesOut());
        assertEquals(100, await(store.head("a")).size(), "reset keeps the objects");
    }

    @Test
    void directHelpersActAsAnotherClientWithoutCounting() {
        ETag etag = store.putDirect("other/x", bytes(7, 3), new ObjectAttributes("text/plain", Map.of("Mode", "0600")));
        store.putDirect("other/y", bytes(3, 4));
        assertEquals(0, store.totalRequestCount());
        assertEquals(0, store.bytesIn());

        assertEquals(etag, await(store.head("other/x")).etag());
        assertTrue(store.deleteDirect("other/y"));
        assertFalse(store.deleteDirect("other/y"));

        SortedMap<String, ObjectSnapshot> snap = store.snapshot();
        assertEquals(List.of("other/x"), List.copyOf(snap.keySet()));
        assertArrayEquals(bytes(7, 3), snap.get("other/x").bytes());
        assertEquals(Map.of("mode", "0600"), snap.get("other/x").meta().userMetadata());
        assertEquals(1, store.totalRequestCount(), "only the HEAD counted");
    }

    @Test
    void putDirectCopiesTheCallersArray() {
        byte[] data = bytes(5, 1);
        store.putDirect("k", data);
        data[0]++;
        assertArrayEquals(bytes(5, 1), store.snapshot().get("k").bytes());
    }

    // ---- end-of-test checks -----------------------------------------------------------------------

    @Test
    void pendingUploadIsReportedByKeyAndIdUntilAborted() {
        String id = await(store.createMultipartUpload("left/behind", ObjectAttributes.NONE));
        AssertionError e = assertThrows(AssertionError.class, store::assertNoPendingUploads);
        assertTrue(e.getMessage().contains("left/behind") && e.getMessage().contains(id), e.getMessage());
        assertThrows(AssertionError.class, store::assertClean);

        await(store.abortMultipartUpload("left/behind", id));
        store.assertNoPendingUploads();
        store.assertClean();
    }

    @Test
    void requestHeldOnTheIoThreadIsReportedInFlight() throws Exception {
        clock.close();
        CompletableFuture<ETag> put = store.put("slow", ByteBuffer.wrap(bytes(3, 1)), ObjectAttributes.NONE);
        clock.awaitHeld();
        AssertionError e = assertThrows(AssertionError.class, store::assertNoRequestsInFlight);
        assertTrue(e.getMessage().contains("PUT slow"), e.getMessage());
        assertFalse(put.isDone());

        clock.open();
        await(put);
        store.assertNoRequestsInFlight();
    }

    // ---- threads ----------------------------------------------------------------------------------

    @Test
    void futuresCompleteOnNonBlockingStoreThreadsNotTheCallers() {
        Thread caller = Thread.currentThread();
        clock.close();
        CompletableFuture<ETag> put = store.put("k", ByteBuffer.wrap(bytes(3, 1)), ObjectAttributes.NONE);
        CompletableFuture<Thread> where = put.thenApply(x -> Thread.currentThread());
        CompletableFuture<Boolean> nonBlocking = put.thenApply(x -> Schedulers.isInNonBlockingThread());
        clock.open();

        Thread t = await(where);
        assertNotSame(caller, t);
        assertTrue(t.getName().startsWith("fluxfs-inmem-unit-"), t.getName());
        assertTrue(t.isDaemon());
        assertTrue(await(nonBlocking));
    }

    @Test
    void reactorBlockInAContinuationFailsAtOnce() {
        clock.close();
        CompletableFuture<ETag> put = store.put("k", ByteBuffer.wrap(bytes(3, 1)), ObjectAttributes.NONE);
        CompletableFuture<Object> blocked = put.thenApply(x -> Mono.fromFuture(() -> store.head("k")).block());
        clock.open();

        ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(30, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void joinOnAPendingStoreFutureInAContinuationIsRefusedAndRecorded() {
        InMemoryObjectStore single = InMemoryObjectStore.builder().ioThreads(1).clock(clock).build();
        try {
            clock.close();
            CompletableFuture<ETag> put = single.put("k", ByteBuffer.wrap(bytes(3, 1)), ObjectAttributes.NONE);
            CompletableFuture<Long> nested = put.thenApply(x -> single.head("k").join().size());
            clock.open();

            ExecutionException e = assertThrows(ExecutionException.class, () -> nested.get(30, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            AssertionError recorded = assertThrows(AssertionError.class, single::assertNoBlockingOnStoreThreads);
            assertTrue(recorded.getMessage().contains("join()"), recorded.getMessage());
        } finally {
            single.close();
        }
    }

    @Test
    void joinOfAnAlreadyCompletedFutureInAContinuationIsFine() {
        CompletableFuture<ETag> a = store.put("a", ByteBuffer.wrap(bytes(3, 1)), ObjectAttributes.NONE);
        CompletableFuture<ETag> b = store.put("b", ByteBuffer.wrap(bytes(3, 2)), ObjectAttributes.NONE);
        await(a.thenCombine(b, (x, y) -> a.join().equals(b.join())));
        store.assertNoBlockingOnStoreThreads();
    }

    @Test
    void closedStoreFailsNewRequests() {
        store.close();
        store.close();
        assertEquals(Kind.OTHER, failure(store.head("k")).kind());
    }

    // ---- clock ------------------------------------------------------------------------------------

    @Test
    void timesComeFromTheInjectedClock() {
        Clock fixed = Clock.fixed(T0, ZoneOffset.UTC);
        try (InMemoryObjectStore s = InMemoryObjectStore.builder().clock(fixed).build()) {
            await(s.put("k", ByteBuffer.wrap(bytes(3, 1)), ObjectAttributes.NONE));
            assertEquals(T0, await(s.head("k")).lastModified());
            assertEquals(T0, await(s.list(ListRequest.directory("", null))).objects().get(0).lastModified());
            String id = await(s.createMultipartUpload("m", ObjectAttributes.NONE));
            assertEquals(T0, await(s.listMultipartUploads("")).get(0).initiated());
            await(s.abortMultipartUpload("m", id));
        }
    }

    // ---- stricter than the contract can check portably --------------------------------------------

    @Test
    void emptyKeyAndUnpairedSurrogateAreRefused() {
        assertEquals(Kind.INVALID_REQUEST, failure(store.put("", ByteBuffer.allocate(1), ObjectAttributes.NONE)).kind());
        assertEquals(Kind.INVALID_REQUEST, failure(store.head("bad\uD800key")).kind());
        assertThrows(StoreException.class, () -> store.putDirect("", new byte[1]));
    }

    @Test
    void userMetadataAbove2KiBIsRefused() {
        String fits = "v".repeat(2048 - "n".length());
        await(store.put("ok", ByteBuffer.allocate(1), new ObjectAttributes(null, Map.of("N", fits))));
        String over = fits + "v";
        StoreException e = failure(store.put("no", ByteBuffer.allocate(1), new ObjectAttributes(null, Map.of("n", over))));
        assertEquals(Kind.INVALID_REQUEST, e.kind());
        assertEquals(Kind.INVALID_REQUEST,
                failure(store.createMultipartUpload("no", new ObjectAttributes(null, Map.of("n", over)))).kind());
        assertEquals(Kind.INVALID_REQUEST,
                failure(store.copy("ok", "no", new ObjectAttributes(null, Map.of("n", over)), null)).kind());
    }

    @Test
    void defaultContentTypeIsS3s() {
        await(store.put("k", ByteBuffer.allocate(1), ObjectAttributes.NONE));
        assertEquals("binary/octet-stream", await(store.head("k")).contentType());
    }

    @Test
    void multipartEtagIsMd5OfPartMd5sWithPartCount() throws Exception {
        byte[] one = bytes(5 * MIB, 1);
        byte[] two = bytes(10, 2);
        String id = await(store.createMultipartUpload("k", ObjectAttributes.NONE));
        CompletedPart p1 = await(store.uploadPart("k", id, 1, ByteBuffer.wrap(one)));
        CompletedPart p2 = await(store.uploadPart("k", id, 2, ByteBuffer.wrap(two)));
        ETag etag = await(store.completeMultipartUpload("k", id, List.of(p1, p2)));

        MessageDigest outer = MessageDigest.getInstance("MD5");
        outer.update(MessageDigest.getInstance("MD5").digest(one));
        outer.update(MessageDigest.getInstance("MD5").digest(two));
        assertEquals(HexFormat.of().formatHex(outer.digest()) + "-2", etag.value());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(two)), p2.etag().value());
    }

    @Test
    void copyOfASourceOver5GibIsRefused() {
        store.putDirect("five", bytes(5 * MIB, 1));
        int parts = 1025;
        String id = await(store.createMultipartUpload("huge", ObjectAttributes.NONE));
        List<CompletableFuture<CompletedPart>> uploads = new ArrayList<>();
        for (int n = 1; n <= parts; n++) {
            uploads.add(store.uploadPartCopy("huge", id, n, "five", null, null));
        }
        await(store.completeMultipartUpload("huge", id, uploads.stream().map(ObjectStoreContract::await).toList()));
        long size = await(store.head("huge")).size();
        assertEquals((long) parts * 5 * MIB, size);
        assertTrue(size > ObjectStore.MAX_PART_SIZE);

        assertEquals(Kind.INVALID_REQUEST, failure(store.copy("huge", "copy", null, null)).kind());
        String id2 = await(store.createMultipartUpload("again", ObjectAttributes.NONE));
        assertEquals(Kind.INVALID_REQUEST, failure(store.uploadPartCopy("again", id2, 1, "huge", null, null)).kind());
        CompletedPart tail = await(store.uploadPartCopy("again", id2, 1, "huge", ByteRange.of(size - 10, 10), null));
        await(store.completeMultipartUpload("again", id2, List.of(tail)));
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes(5 * MIB, 1), 5 * MIB - 10, 5 * MIB),
                toArray(await(store.get("again", null, null)).data()));
    }

    @Test
    void copyOntoItselfWithoutReplaceIsRefused() {
        store.putDirect("k", bytes(3, 1));
        assertEquals(Kind.INVALID_REQUEST, failure(store.copy("k", "k", null, null)).kind());
    }

    @Test
    void uploadPartCopyRangeOutsideTheSourceIsRefused() {
        store.putDirect("src", bytes(100, 1));
        String id = await(store.createMultipartUpload("dst", ObjectAttributes.NONE));
        assertEquals(Kind.INVALID_REQUEST, failure(store.uploadPartCopy("dst", id, 1, "src", ByteRange.of(50, 51), null)).kind());
        assertEquals(Kind.INVALID_REQUEST, failure(store.uploadPartCopy("dst", id, 1, "src", ByteRange.of(10, 0), null)).kind());
        await(store.abortMultipartUpload("dst", id));
    }

    @Test
    void emptyRangeIsRefusedAndZeroByteObjectRangePastZeroIsInvalid() {
        store.putDirect("k", bytes(10, 1));
        store.putDirect("empty", new byte[0]);
        assertEquals(Kind.INVALID_REQUEST, failure(store.get("k", ByteRange.of(0, 0), null)).kind());
        assertEquals(Kind.INVALID_RANGE, failure(store.get("empty", ByteRange.of(1, 10), null)).kind());
    }

    @Test
    void completeWithNoPartsIsRefusedAndUploadIdIsBoundToItsKey() {
        String id = await(store.createMultipartUpload("k", ObjectAttributes.NONE));
        assertEquals(Kind.INVALID_REQUEST, failure(store.completeMultipartUpload("k", id, List.of())).kind());
        assertEquals(Kind.NOT_FOUND, failure(store.uploadPart("other", id, 1, ByteBuffer.allocate(1))).kind());
        assertEquals(Kind.NOT_FOUND, failure(store.abortMultipartUpload("other", id)).kind());
        await(store.abortMultipartUpload("k", id));
    }

    @Test
    void garbageContinuationTokenIsRefused() {
        assertEquals(Kind.INVALID_REQUEST, failure(store.list(new ListRequest("", null, "not*a*token", 10))).kind());
    }

    @Test
    void deleteManyReportsAnInvalidKeyAsNotDeletedAndRefusesAnEmptyBatch() {
        store.putDirect("a", bytes(1, 1));
        String tooLong = "x".repeat(ObjectStore.MAX_KEY_BYTES + 1);
        assertEquals(List.of(tooLong), await(store.deleteMany(List.of("a", tooLong))));
        assertTrue(store.snapshot().isEmpty());
        assertEquals(Kind.INVALID_REQUEST, failure(store.deleteMany(List.of())).kind());
    }

    @Test
    void objectVerbsOnAMissingBucketAreNotFound() {
        try (InMemoryObjectStore unborn = InMemoryObjectStore.builder().withoutBucket().build()) {
            assertEquals(Kind.NOT_FOUND, failure(unborn.put("k", ByteBuffer.allocate(1), ObjectAttributes.NONE)).kind());
            assertEquals(Kind.NOT_FOUND, failure(unborn.list(ListRequest.directory("", null))).kind());
            assertEquals(Kind.NOT_FOUND, failure(unborn.createMultipartUpload("k", ObjectAttributes.NONE)).kind());
        }
    }

    @Test
    void pagingWhileAnotherClientInsertsReturnsEveryOldKeyOnceInOrder() throws Exception {
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 400; i += 2) {
            String key = String.format("k/%04d", i);
            old.add(key);
            store.putDirect(key, new byte[1]);
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 1; i < 400 && !stop.get(); i += 2) {
                store.putDirect(String.format("k/%04d", i), new byte[1]);
            }
        });
        writer.start();
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            ListPage page = await(store.list(new ListRequest("k/", null, token, 7)));
            page.objects().forEach(e -> seen.add(e.key()));
            token = page.nextToken();
        } while (token != null);
        stop.set(true);
        writer.join(TimeUnit.SECONDS.toMillis(30));

        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        assertEquals(sorted, seen, "pages are in order");
        assertEquals(seen.size(), seen.stream().distinct().count(), "no key twice");
        assertTrue(seen.containsAll(old), "every key present throughout was listed");
    }
}
