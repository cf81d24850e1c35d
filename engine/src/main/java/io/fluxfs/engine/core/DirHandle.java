package io.fluxfs.engine.core;

import io.fluxfs.engine.fs.DirEntry;
import io.fluxfs.engine.fs.InodeAttr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An open directory: the entries listed so far (stable positions for readdir offsets) and where the
 * listing continues. Pages are fetched only as readdir reaches them. The kernel serialises readdir on
 * one handle; the monitor guards against misuse.
 */
final class DirHandle {
    final Inode dir;
    final List<DirEntry> entries = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
    String token;
    boolean started;
    boolean done;
    /** The directory's eviction count when listing began. */
    final int evictionsAtStart;

    DirHandle(Inode dir) {
        this.dir = dir;
        this.evictionsAtStart = dir.evictions;
        long parentIno = dir.parent() == null ? dir.ino : dir.parent().ino;
        entries.add(new DirEntry(".", dir.ino, InodeAttr.S_IFDIR, 1));
        entries.add(new DirEntry("..", parentIno, InodeAttr.S_IFDIR, 2));
    }
}
