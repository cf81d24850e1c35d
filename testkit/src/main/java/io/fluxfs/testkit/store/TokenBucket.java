package io.fluxfs.testkit.store;

import java.util.function.LongSupplier;

/**
 * A token bucket for bytes, computed virtually (GCRA): {@link #reserve} books bytes on a shared
 * timeline and says how long the caller must wait until they have gone through. Nothing sleeps here;
 * the caller schedules the wait. Up to {@code burstBytes} pass without waiting after an idle spell.
 * Thread-safe; reservations are served in the order they are made, so concurrent transfers share the
 * rate.
 */
final class TokenBucket {

    private final double nanosPerByte;
    private final long toleranceNanos;
    private final LongSupplier nanoTime;
    private long theoreticalArrival;

    TokenBucket(long bytesPerSecond, long burstBytes, LongSupplier nanoTime) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("bandwidth " + bytesPerSecond + " B/s is not positive");
        }
        if (burstBytes < 0) {
            throw new IllegalArgumentException("burst " + burstBytes + " bytes is negative");
        }
        this.nanosPerByte = 1e9 / bytesPerSecond;
        this.toleranceNanos = (long) Math.min(Long.MAX_VALUE / 4.0, burstBytes * nanosPerByte);
        this.nanoTime = nanoTime;
        this.theoreticalArrival = nanoTime.getAsLong();
    }

    /** Books {@code bytes} and returns the nanoseconds to wait before they count as transferred. */
    synchronized long reserve(long bytes) {
        long now = nanoTime.getAsLong();
        long cost = (long) Math.ceil(bytes * nanosPerByte);
        theoreticalArrival = Math.max(theoreticalArrival, now) + cost;
        return Math.max(0, theoreticalArrival - toleranceNanos - now);
    }
}
