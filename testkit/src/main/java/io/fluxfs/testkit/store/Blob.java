package io.fluxfs.testkit.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Immutable object content: a sequence of slices of byte arrays. Copies, multipart completion and
 * UploadPartCopy share the arrays instead of copying them, so a test can build an object larger than
 * 5 GiB out of one 5 MiB array; only {@link #read} and {@link #toByteArray} materialise bytes.
 */
final class Blob {

    static final Blob EMPTY = new Blob(new Slice[0]);

    private record Slice(byte[] array, int offset, int length) {
    }

    private final Slice[] slices;
    /** starts[i] is the offset in the blob of slices[i]; starts[slices.length] is the size. */
    private final long[] starts;

    private Blob(Slice[] slices) {
        this.slices = slices;
        this.starts = new long[slices.length + 1];
        for (int i = 0; i < slices.length; i++) {
            starts[i + 1] = starts[i] + slices[i].length;
        }
    }

    /** Copies the buffer's remaining bytes; the buffer's position does not move. */
    static Blob copyOf(ByteBuffer source) {
        ByteBuffer b = source.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return wrap(bytes);
    }

    /** Takes ownership of the array; the caller must not change it afterwards. */
    static Blob wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Blob(new Slice[] {new Slice(bytes, 0, bytes.length)});
    }

    static Blob concat(List<Blob> parts) {
        List<Slice> all = new ArrayList<>();
        for (Blob p : parts) {
            all.addAll(Arrays.asList(p.slices));
        }
        return new Blob(all.toArray(new Slice[0]));
    }

    long size() {
        return starts[slices.length];
    }

    /** The bytes {@code [start, start + length)}, which must lie inside the blob. */
    Blob slice(long start, long length) {
        checkBounds(start, length);
        if (length == 0) {
            return EMPTY;
        }
        List<Slice> out = new ArrayList<>();
        long end = start + length;
        for (int i = indexOf(start); i < slices.length && starts[i] < end; i++) {
            long from = Math.max(start, starts[i]);
            long to = Math.min(end, starts[i + 1]);
            if (to > from) {
                Slice s = slices[i];
                out.add(new Slice(s.array, s.offset + (int) (from - starts[i]), (int) (to - from)));
            }
        }
        return new Blob(out.toArray(new Slice[0]));
    }

    /** A new heap buffer (position 0) holding {@code [start, start + length)}. */
    ByteBuffer read(long start, long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("cannot return " + length + " bytes in one ByteBuffer");
        }
        ByteBuffer out = ByteBuffer.allocate((int) length);
        Blob part = slice(start, length);
        for (Slice s : part.slices) {
            out.put(s.array, s.offset, s.length);
        }
        return out.flip();
    }

    byte[] toByteArray() {
        return read(0, size()).array();
    }

    void digestInto(MessageDigest md) {
        for (Slice s : slices) {
            md.update(s.array, s.offset, s.length);
        }
    }

    private int indexOf(long offset) {
        int i = Arrays.binarySearch(starts, 0, slices.length, offset);
        return i >= 0 ? i : -i - 2;
    }

    private void checkBounds(long start, long length) {
        if (start < 0 || length < 0 || start + length > size()) {
            throw new IndexOutOfBoundsException("[" + start + ", +" + length + ") outside blob of " + size());
        }
    }
}
