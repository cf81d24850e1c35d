package io.fluxfs.engine.model;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Wall time that moves only when the test moves it, to the nanosecond, so the model knows every mtime. */
final class ManualClock extends Clock {
    private volatile long nanos;

    ManualClock(long startNanos) {
        this.nanos = startNanos;
    }

    long nanos() {
        return nanos;
    }

    void advance(long byNanos) {
        nanos += byNanos;
    }

    @Override
    public Instant instant() {
        long n = nanos;
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a model run's clock has one zone");
    }
}
