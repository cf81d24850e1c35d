package io.fluxfs.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bandwidth arithmetic, on virtual time: no clocks, no sleeping. */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(5 * SECOND);

    @Test
    void bytesWaitForTheirShareOfTheRate() {
        TokenBucket bucket = new TokenBucket(1000, 0, now::get);
        assertEquals(SECOND, bucket.reserve(1000));
        assertEquals(SECOND + SECOND / 2, bucket.reserve(500), "a concurrent transfer queues behind the first");
        now.addAndGet(SECOND);
        assertEquals(SECOND, bucket.reserve(500), "time passed pays off part of the queue");
    }

    @Test
    void idleTimeIsNotBankedBeyondTheBurst() {
        TokenBucket bucket = new TokenBucket(1000, 500, now::get);
        now.addAndGet(60 * SECOND);
        assertEquals(0, bucket.reserve(500), "the burst passes at once");
        assertEquals(SECOND / 2, bucket.reserve(500));
        now.addAndGet(60 * SECOND);
        assertEquals(SECOND / 2, bucket.reserve(1000), "a long idle spell still gives only the burst");
    }

    @Test
    void zeroBytesCostNothing() {
        TokenBucket bucket = new TokenBucket(10, 0, now::get);
        assertEquals(0, bucket.reserve(0));
    }

    @Test
    void rejectsNonPositiveRateAndNegativeBurst() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 0, now::get));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, -1, now::get));
    }
}
