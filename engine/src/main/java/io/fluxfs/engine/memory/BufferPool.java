package io.fluxfs.engine.memory;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers of one size, drawn from a {@link MemoryBudget}. A buffer is reserved in the budget
 * for as long as it is out of the pool; idle buffers stay allocated (direct memory is expensive to
 * allocate and free) and are reused, but do not count against the budget, so the write path can have
 * the memory when reads are idle. At most {@code budget.limit() / bufferSize} buffers ever exist.
 *
 * <p>{@link #tryAcquire()} never waits: null means "the budget is full, do less". Thread-safe.
 */
public final class BufferPool {
    private final MemoryBudget budget;
    private final int bufferSize;
    private final ConcurrentLinkedQueue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger out = new AtomicInteger();

    public BufferPool(MemoryBudget budget, int bufferSize) {
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("buffer size " + bufferSize);
        }
        this.budget = budget;
        this.bufferSize = bufferSize;
    }

    /** A cleared direct buffer of {@link #bufferSize()} bytes, or null if the budget is full. */
    public ByteBuffer tryAcquire() {
        if (!budget.tryReserve(bufferSize)) {
            return null;
        }
        out.incrementAndGet();
        ByteBuffer b = idle.poll();
        if (b == null) {
            b = ByteBuffer.allocateDirect(bufferSize);
        }
        return b.clear();
    }

    /** Returns a buffer from {@link #tryAcquire()}; the caller must not touch it afterwards. */
    public void release(ByteBuffer b) {
        if (b.capacity() != bufferSize || !b.isDirect()) {
            throw new IllegalArgumentException("not a buffer of this pool: " + b);
        }
        out.decrementAndGet();
        idle.offer(b);
        budget.release(bufferSize);
    }

    public int bufferSize() {
        return bufferSize;
    }

    /** Buffers handed out and not yet returned. */
    public int outstanding() {
        return out.get();
    }

    public MemoryBudget budget() {
        return budget;
    }
}
