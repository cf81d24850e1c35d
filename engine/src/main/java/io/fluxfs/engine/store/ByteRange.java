package io.fluxfs.engine.store;

/** A half-open byte range {@code [start, start + length)}. */
public record ByteRange(long start, long length) {
    public ByteRange {
        if (start < 0) {
            throw new IllegalArgumentException("range start " + start + " is negative");
        }
        if (length < 0) {
            throw new IllegalArgumentException("range length " + length + " is negative");
        }
        if (start + length < start) {
            throw new IllegalArgumentException("range [" + start + ", +" + length + ") overflows");
        }
    }

    public static ByteRange of(long start, long length) {
        return new ByteRange(start, length);
    }

    /** Exclusive end. */
    public long end() {
        return start + length;
    }

    /** The inclusive HTTP form {@code bytes=a-b}; only for non-empty ranges. */
    public String httpHeader() {
        if (length == 0) {
            throw new IllegalStateException("an empty range has no HTTP form");
        }
        return "bytes=" + start + "-" + (end() - 1);
    }

    public boolean isEmpty() {
        return length == 0;
    }
}
