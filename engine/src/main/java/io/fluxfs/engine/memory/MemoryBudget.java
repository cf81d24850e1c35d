package io.fluxfs.engine.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One byte budget for everything the engine holds in memory on behalf of files: read windows now,
 * write buffers later. Reservations never wait: a caller that cannot reserve does less (a read window
 * prefetches less) instead of growing the heap. Thread-safe, lock-free.
 */
public final class MemoryBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public MemoryBudget(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("memory budget " + limit + " is negative");
        }
        this.limit = limit;
    }

    /** Reserves {@code bytes} if they fit; true if reserved. */
    public boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("reservation of " + bytes + " bytes");
        }
        while (true) {
            long u = used.get();
            if (u + bytes > limit) {
                return false;
            }
            if (used.compareAndSet(u, u + bytes)) {
                return true;
            }
        }
    }

    /** Gives back a reservation. */
    public void release(long bytes) {
        long after = used.addAndGet(-bytes);
        if (after < 0) {
            throw new IllegalStateException("memory budget released more than reserved: " + after);
        }
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return used.get();
    }
}
