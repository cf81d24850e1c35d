package io.fluxfs.testkit.store;

import static io.fluxfs.testkit.store.ObjectStoreContract.await;
import static io.fluxfs.testkit.store.ObjectStoreContract.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.StoreException.Kind;
import io.fluxfs.engine.store.StoreException.Verb;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Asserts only lower bounds on time ("at least the configured cost elapsed") and orderings. */
class ThrottledObjectStoreTest {

    private static final long MB_PER_S = 1_000_000;

    private final InMemoryObjectStore inner = InMemoryObjectStore.builder().ioThreads(1).build();

    @Test
    void everyRequestWaitsAtLeastTheLatencyOffTheCallersThread() {
        try (ThrottledObjectStore s = ThrottledObjectStore.wrap(inner).latency(Duration.ofMillis(40)).build()) {
            inner.putDirect("k", new byte[1]);
            Thread caller = Thread.currentThread();
            long start = System.nanoTime();
            Thread t = await(s.head("k").thenApply(m -> Thread.currentThread()));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(40));
            assertNotSame(caller, t);
            assertEquals(1, inner.requestCount(Verb.HEAD));
        }
    }

    @Test
    void concurrentUploadsShareTheBandwidth() {
        try (ThrottledObjectStore s = ThrottledObjectStore.wrap(inner).bandwidth(MB_PER_S).build()) {
            long start = System.nanoTime();
            List<CompletableFuture<?>> puts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                puts.add(s.put("k" + i, ByteBuffer.allocate(100_000), ObjectAttributes.NONE));
            }
            puts.forEach(ObjectStoreContract::await);
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300), "3 x 100 kB at 1 MB/s");
            assertEquals(300_000, inner.bytesIn());
        }
    }

    @Test
    void aSmallRequestWaitsForTheBytesOfALargeOneThatStartedFirst() {
        try (ThrottledObjectStore s = ThrottledObjectStore.wrap(inner).bandwidth(MB_PER_S).build()) {
            long start = System.nanoTime();
            CompletableFuture<?> large = s.put("large", ByteBuffer.allocate(200_000), ObjectAttributes.NONE);
            await(s.put("small", ByteBuffer.allocate(1), ObjectAttributes.NONE));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200),
                    "1 byte queued behind 200 kB at 1 MB/s");
            await(large);
        }
    }

    @Test
    void downloadsAreThrottledOnTheBytesReturned() {
        try (ThrottledObjectStore s = ThrottledObjectStore.wrap(inner).bandwidth(MB_PER_S).build()) {
            inner.putDirect("k", new byte[200_000]);
            long start = System.nanoTime();
            assertEquals(200_000, await(s.get("k", null, null)).data().remaining());
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
            assertEquals(200_000, inner.bytesOut());
        }
    }

    @Test
    void storeErrorsPassThroughUnchanged() {
        try (ThrottledObjectStore s = ThrottledObjectStore.wrap(inner).latency(Duration.ofMillis(1)).build()) {
            assertEquals(Kind.NOT_FOUND, failure(s.get("absent", null, null)).kind());
        }
    }

    @Test
    void closeFailsWaitingCallsAndClosesTheDelegate() {
        ThrottledObjectStore s = ThrottledObjectStore.wrap(inner).latency(Duration.ofHours(1)).build();
        CompletableFuture<?> put = s.put("k", ByteBuffer.allocate(1), ObjectAttributes.NONE);
        assertFalse(put.isDone());
        s.close();
        assertEquals(Kind.TRANSIENT, failure(put).kind());
        assertEquals(0, inner.requestCount(Verb.PUT));
        assertEquals(Kind.OTHER, failure(inner.head("k")).kind(), "the delegate is closed too");
    }

    @Test
    void builderRejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> ThrottledObjectStore.wrap(inner).latency(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> ThrottledObjectStore.wrap(inner).bandwidth(0));
        assertThrows(IllegalArgumentException.class, () -> ThrottledObjectStore.wrap(inner).burst(-1));
        inner.close();
    }
}
