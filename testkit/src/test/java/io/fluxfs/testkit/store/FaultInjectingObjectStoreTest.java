package io.fluxfs.testkit.store;

import static io.fluxfs.testkit.store.ObjectStoreContract.await;
import static io.fluxfs.testkit.store.ObjectStoreContract.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxfs.engine.store.ListRequest;
import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.StoreException;
import io.fluxfs.engine.store.StoreException.Kind;
import io.fluxfs.engine.store.StoreException.Verb;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectingObjectStoreTest {

    private final InMemoryObjectStore inner = InMemoryObjectStore.create();
    private final FaultInjectingObjectStore faults = FaultInjectingObjectStore.wrap(inner, 42);

    @AfterEach
    void close() {
        faults.close();
    }

    @Test
    void nthCallOfAVerbFailsBeforeReachingTheStore() {
        InjectedFault third = faults.inject(FaultRule.on(Verb.PUT).nth(3).fail(Kind.TRANSIENT));
        List<Integer> failed = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            CompletableFuture<?> put = faults.put("k" + i, ByteBuffer.allocate(1), ObjectAttributes.NONE);
            try {
                put.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                StoreException se = StoreException.unwrap(e);
                assertEquals(Kind.TRANSIENT, se.kind());
                assertEquals(Verb.PUT, se.verb());
                assertEquals("k" + i, se.key());
                assertTrue(se.retryable());
                failed.add(i);
            }
        }
        assertEquals(List.of(3), failed);
        assertEquals(4, inner.requestCount(Verb.PUT));
        assertFalse(inner.snapshot().containsKey("k3"));
        assertEquals(1, third.fired());
        assertEquals(5, third.matched());
    }

    @Test
    void failAfterApplyingLosesOnlyTheAnswer() {
        faults.inject(FaultRule.on(Verb.PUT).failAfterApplying(Kind.TRANSIENT));
        assertEquals(Kind.TRANSIENT, failure(faults.put("k", ByteBuffer.allocate(4), ObjectAttributes.NONE)).kind());
        assertEquals(4, inner.snapshot().get("k").meta().size());
    }

    @Test
    void firstNCallsFailThenTheStoreRecovers() {
        inner.putDirect("k", new byte[3]);
        faults.inject(FaultRule.on(Verb.GET).firstN(2).fail(Kind.THROTTLED));
        assertEquals(Kind.THROTTLED, failure(faults.get("k", null, null)).kind());
        assertEquals(Kind.THROTTLED, failure(faults.get("k", null, null)).kind());
        assertEquals(3, await(faults.get("k", null, null)).objectSize());
    }

    @Test
    void keyPrefixNarrowsTheRuleAndNoVerbsMeansEveryVerb() {
        faults.inject(FaultRule.on().keyPrefix("secret/").fail(Kind.ACCESS_DENIED));
        assertEquals(Kind.ACCESS_DENIED, failure(faults.head("secret/x")).kind());
        assertEquals(Kind.ACCESS_DENIED, failure(faults.delete("secret/y")).kind());
        assertEquals(Kind.NOT_FOUND, failure(faults.head("public/x")).kind());
        assertTrue(await(faults.bucketExists()), "bucket-level calls have no key");
    }

    @Test
    void randomFailuresRepeatWithTheSameSeed() {
        List<Integer> first = randomFailures(7);
        List<Integer> again = randomFailures(7);
        List<Integer> other = randomFailures(8);
        assertEquals(first, again);
        assertNotEquals(first, other);
        assertTrue(first.size() > 30 && first.size() < 90, "about 30% of 200 calls: " + first.size());
    }

    private static List<Integer> randomFailures(long seed) {
        try (FaultInjectingObjectStore s = FaultInjectingObjectStore.wrap(InMemoryObjectStore.create(), seed)) {
            s.inject(FaultRule.on(Verb.HEAD_BUCKET).randomly(0.3).fail(Kind.TRANSIENT));
            List<Integer> failed = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                if (s.bucketExists().handle((v, e) -> e != null).join()) {
                    failed.add(i);
                }
            }
            return failed;
        }
    }

    @Test
    void delayIsScheduledAndNeverBlocksTheCaller() {
        faults.inject(FaultRule.on(Verb.HEAD).delay(Duration.ofHours(1)));
        CompletableFuture<?> head = faults.head("k");
        assertFalse(head.isDone());
        assertEquals(0, inner.requestCount(Verb.HEAD), "the request has not left yet");
        faults.close();
        StoreException e = failure(head);
        assertEquals(Kind.TRANSIENT, e.kind());
        assertEquals(Verb.HEAD, e.verb());
    }

    @Test
    void delayedCallTakesAtLeastTheLatencyThenReachesTheStore() {
        inner.putDirect("k", new byte[1]);
        faults.inject(FaultRule.on(Verb.HEAD).delay(Duration.ofMillis(50)));
        long start = System.nanoTime();
        assertEquals(1, await(faults.head("k")).size());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
        assertEquals(1, inner.requestCount(Verb.HEAD));
    }

    @Test
    void injectedOutcomesCompleteOnTheFaultThread() {
        faults.inject(FaultRule.on(Verb.HEAD).hang());
        CompletableFuture<String> where = faults.head("k").handle((v, e) -> Thread.currentThread().getName());
        assertFalse(where.isDone());
        faults.releaseHungCalls();
        assertTrue(await(where).startsWith("fluxfs-faults-"), await(where));
    }

    @Test
    void hungCallsWaitUntilReleased() {
        faults.inject(FaultRule.on(Verb.GET).hang());
        CompletableFuture<?> get = faults.get("k", null, null);
        assertFalse(get.isDone());
        assertEquals(1, faults.hungCalls());
        assertEquals(0, inner.requestCount(Verb.GET));

        assertEquals(1, faults.releaseHungCalls());
        StoreException e = failure(get);
        assertEquals(Kind.TRANSIENT, e.kind());
        assertEquals(0, e.httpStatus(), "a reset connection has no HTTP answer");
        assertEquals(0, faults.hungCalls());
    }

    @Test
    void timeOutFailsTransientAfterTheTimeoutWithoutApplying() {
        faults.inject(FaultRule.on(Verb.PUT).timeOutAfter(Duration.ofMillis(30)));
        long start = System.nanoTime();
        StoreException e = failure(faults.put("k", ByteBuffer.allocate(1), ObjectAttributes.NONE));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(30));
        assertEquals(Kind.TRANSIENT, e.kind());
        assertTrue(inner.snapshot().isEmpty());
    }

    @Test
    void partitionFailsEveryCallUntilHealed() {
        InjectedFault rule = faults.inject(FaultRule.on(Verb.HEAD).nth(1).fail(Kind.OTHER));
        faults.partition();
        assertTrue(faults.isPartitioned());
        assertEquals(Kind.TRANSIENT, failure(faults.bucketExists()).kind());
        assertEquals(Kind.TRANSIENT, failure(faults.head("k")).kind());
        assertEquals(Kind.TRANSIENT, failure(faults.list(ListRequest.directory("", null))).kind());
        assertEquals(Kind.TRANSIENT, failure(faults.createMultipartUpload("k", ObjectAttributes.NONE)).kind());
        assertEquals(0, inner.totalRequestCount());
        assertEquals(0, rule.matched(), "partitioned calls do not count toward rules");

        faults.heal();
        assertEquals(Kind.OTHER, failure(faults.head("k")).kind(), "the rule sees its first call only now");
        assertTrue(await(faults.bucketExists()));
    }

    @Test
    void removedRuleStopsAtOnce() {
        InjectedFault rule = faults.inject(FaultRule.on(Verb.HEAD_BUCKET).fail(Kind.THROTTLED));
        assertEquals(Kind.THROTTLED, failure(faults.bucketExists()).kind());
        rule.remove();
        assertTrue(await(faults.bucketExists()));
        faults.inject(FaultRule.on(Verb.HEAD_BUCKET).fail(Kind.THROTTLED));
        faults.removeAllFaults();
        assertTrue(await(faults.bucketExists()));
    }

    @Test
    void firstHittingFailureWinsAndEveryRuleStillCounts() {
        InjectedFault a = faults.inject(FaultRule.on(Verb.HEAD_BUCKET).fail(Kind.THROTTLED));
        InjectedFault b = faults.inject(FaultRule.on(Verb.HEAD_BUCKET).fail(Kind.ACCESS_DENIED));
        assertEquals(Kind.THROTTLED, failure(faults.bucketExists()).kind());
        assertEquals(1, a.fired());
        assertEquals(1, b.matched());
    }

    @Test
    void concurrentCallsHitTheNthExactlyOnce() throws Exception {
        InjectedFault rule = faults.inject(FaultRule.on(Verb.HEAD_BUCKET).nth(50).fail(Kind.TRANSIENT));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<CompletableFuture<Boolean>>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(callers.submit(faults::bucketExists));
            }
            int failures = 0;
            for (var c : calls) {
                if (c.get(30, TimeUnit.SECONDS).handle((v, e) -> e != null).get(30, TimeUnit.SECONDS)) {
                    failures++;
                }
            }
            assertEquals(1, failures);
            assertEquals(200, rule.matched());
            assertEquals(199, inner.requestCount(Verb.HEAD_BUCKET));
        } finally {
            callers.shutdownNow();
        }
    }
}
