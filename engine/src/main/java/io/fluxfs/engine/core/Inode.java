package io.fluxfs.engine.core;

import io.fluxfs.engine.fs.InodeAttr;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One file, directory or symlink the engine knows. The tree of parents and names is the path: a
 * rename moves one inode and all its descendants follow. Attributes are cached with an expiry;
 * directories also cache their children (the dentry cache) and names known to be absent.
 *
 * <p>Namespace changes on one directory are serialised by the kernel (it holds the parent's lock), so
 * fields here are volatile for visibility, not guarded for compound updates.
 */
final class Inode {
    final long ino;
    private volatile Inode parent;
    private volatile String name;
    volatile Attrs attrs;

    /** Children by name (directories only; null otherwise). */
    final ConcurrentHashMap<String, Inode> children;
    /** Names known to be absent, with their expiry ticker value (directories only). */
    final ConcurrentHashMap<String, Long> negatives;
    /** Until this ticker value, {@link #children} is the whole directory. */
    volatile long listedUntil;
    /** {@link #listedUntil} is meaningful only once a listing or our own mkdir set it. */
    volatile boolean listed;
    /** Children dropped by eviction so far; a listing that saw this change cannot claim completeness. */
    volatile int evictions;

    /** Open data state of a file, or null. Guarded by this inode's monitor. */
    OpenFile open;
    /** Cached symlink target. */
    volatile String linkTarget;
    /** Unlinked (or replaced by a rename); its open handles keep working. */
    volatile boolean removed;

    Inode(long ino, Inode parent, String name, Attrs attrs) {
        this.ino = ino;
        this.parent = parent;
        this.name = name;
        this.attrs = attrs;
        boolean dir = attrs.type() == InodeAttr.S_IFDIR;
        this.children = dir ? new ConcurrentHashMap<>() : null;
        this.negatives = dir ? new ConcurrentHashMap<>() : null;
    }

    boolean isDirectory() {
        return children != null;
    }

    int type() {
        return attrs.type();
    }

    boolean isSymlinkType() {
        return attrs.type() == InodeAttr.S_IFLNK;
    }

    Inode parent() {
        return parent;
    }

    String name() {
        return name;
    }

    void moveTo(Inode newParent, String newName) {
        this.parent = newParent;
        this.name = newName;
    }

    /** Path relative to the mount root, without leading slash; "" for the root. */
    String relPath() {
        Inode p = parent;
        if (p == null) {
            return "";
        }
        String pp = p.relPath();
        return pp.isEmpty() ? name : pp + "/" + name;
    }

    synchronized OpenFile openFile() {
        return open;
    }

    /** True while data or metadata of this file lives only locally. */
    synchronized boolean hasLocalState() {
        return open != null;
    }

    boolean isNegative(String child, long now) {
        Long until = negatives.get(child);
        if (until == null) {
            return false;
        }
        if (now - until < 0) {
            return true;
        }
        negatives.remove(child, until);
        return false;
    }

    @Override
    public String toString() {
        return "inode " + ino + " /" + relPath();
    }
}
