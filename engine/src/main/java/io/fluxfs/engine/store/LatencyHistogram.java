package io.fluxfs.engine.store;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram with power-of-two microsecond buckets (1 µs .. ~36 min), good to a
 * factor of two, which is what percentiles of S3 requests need. Recording is one array increment.
 */
public final class LatencyHistogram {
    private static final int BUCKETS = 32;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(long nanos) {
        long micros = Math.max(1, nanos / 1000);
        int b = Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(micros));
        counts.incrementAndGet(b);
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /**
     * The upper bound, in microseconds, of the bucket holding quantile {@code q} (0 &lt; q &le; 1), or 0
     * when nothing was recorded.
     */
    public long percentileMicros(double q) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return 1L << (i + 1);
            }
        }
        return 1L << BUCKETS;
    }
}
