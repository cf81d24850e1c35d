package io.fluxfs.engine.read;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One cache block of a read window: a pooled direct buffer and which 1/64ths of it ("units") are
 * asked for ({@link #covered}) and present ({@link #valid}). A window's first GET may end inside a
 * block (1 MiB + 128 KiB); a later GET fills the rest, so one block may have two fills in flight.
 * Guarded by the owning window's monitor, except {@link #refs}, which counts the window and every
 * fetch or cache write still using the buffer (the buffer goes back to the pool at zero).
 */
final class Block {
    static final int UNITS = 64;

    final long index;
    final long start;
    final int length;
    final int unit;
    final long fullMask;
    final ByteBuffer buf;
    long covered;
    long valid;
    /** The cache said it had the block but could not produce it: fetch from the store. */
    boolean cacheFailed;
    boolean dropped;
    final List<CompletableFuture<Void>> fills = new ArrayList<>(2);
    private int refs = 1;

    Block(long index, int blockSize, long objectSize, ByteBuffer buf) {
        this.index = index;
        this.start = index * blockSize;
        this.length = (int) Math.min(blockSize, objectSize - start);
        this.unit = blockSize / UNITS;
        int units = (length + unit - 1) / unit;
        this.fullMask = units == 64 ? -1L : (1L << units) - 1;
        this.buf = buf;
    }

    long end() {
        return start + length;
    }

    /** Units overlapping {@code [from, to)} (offsets inside this block). */
    long mask(int from, int to) {
        int a = from / unit;
        int b = (to + unit - 1) / unit;
        long hi = b >= 64 ? -1L : (1L << b) - 1;
        return hi & ~((1L << a) - 1);
    }

    boolean isComplete() {
        return valid == fullMask;
    }

    synchronized void retain() {
        refs++;
    }

    /** True if this was the last reference: the caller returns the buffer to the pool. */
    synchronized boolean releaseRef() {
        if (--refs < 0) {
            throw new IllegalStateException("block " + index + " released too often");
        }
        return refs == 0;
    }

    @Override
    public String toString() {
        return "block " + index + " [" + start + ", " + end() + ") covered=" + Long.toHexString(covered)
                + " valid=" + Long.toHexString(valid);
    }
}
