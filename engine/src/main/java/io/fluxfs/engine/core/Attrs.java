package io.fluxfs.engine.core;

import io.fluxfs.engine.format.PosixMeta;
import io.fluxfs.engine.store.ETag;

/**
 * What the engine believes about one inode, and until when it trusts it.
 *
 * @param posix      mode (with type bits), owner, times, xattrs
 * @param size       bytes (0 for directories)
 * @param etag       the stored object's ETag, or null when nothing is stored (new file, implicit directory)
 * @param contentType the stored Content-Type, re-sent when metadata is rewritten (REPLACE would reset it)
 * @param inStore    the object (or, for a directory, its marker or any child) exists in the store
 * @param complete   posix came from the object's headers (HEAD); false when guessed from a listing
 * @param freshUntil ticker value after which the entry must be revalidated against the store
 */
record Attrs(PosixMeta posix, long size, ETag etag, String contentType, boolean inStore, boolean complete, long freshUntil) {

    int type() {
        return posix.mode() & io.fluxfs.engine.fs.InodeAttr.S_IFMT;
    }

    boolean isFresh(long now) {
        return now - freshUntil < 0;
    }

    Attrs withPosix(PosixMeta p) {
        return new Attrs(p, size, etag, contentType, inStore, complete, freshUntil);
    }

    Attrs withSize(long s) {
        return new Attrs(posix, s, etag, contentType, inStore, complete, freshUntil);
    }

    Attrs stored(ETag newEtag, long newSize, long newFreshUntil) {
        return new Attrs(posix, newSize, newEtag, contentType, true, true, newFreshUntil);
    }

    Attrs freshUntil(long t) {
        return new Attrs(posix, size, etag, contentType, inStore, complete, t);
    }
}
