package io.fluxfs.testkit.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fixed clock that, once {@linkplain #close() closed}, holds every reader until {@link #open()}:
 * a test can freeze the in-memory store's I/O thread in the middle of a request (which reads the clock)
 * and look at the store while the request is in flight. Waits give up after 30 s so a broken test
 * cannot hang the build.
 */
final class GatedClock extends Clock {

    private final Instant instant;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch arrived = new CountDownLatch(1);

    GatedClock(Instant instant) {
        this.instant = instant;
    }

    void close() {
        arrived = new CountDownLatch(1);
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    /** Waits until some thread is held at the gate. */
    void awaitHeld() throws InterruptedException {
        if (!arrived.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("nobody read the clock within 30 s");
        }
    }

    @Override
    public Instant instant() {
        CountDownLatch g = gate;
        if (g.getCount() > 0) {
            arrived.countDown();
            try {
                if (!g.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
