package io.fluxfs.testkit.model;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One path in the model. Immutable: the model replaces nodes.
 *
 * @param perm     permission bits ({@code 07777})
 * @param mtime    nanoseconds, or null where the model cannot know it
 * @param atime    as mtime
 * @param data     a file's bytes (null otherwise)
 * @param target   a symlink's target (null otherwise)
 * @param xattrs   name to value
 * @param implicit a directory with no marker object: it vanishes with its last child
 */
public record ModelNode(Kind kind, int perm, int uid, int gid, Long mtime, Long atime, byte[] data, String target,
                        SortedMap<String, byte[]> xattrs, boolean implicit) {

    public enum Kind { DIR, FILE, LINK }

    public ModelNode {
        xattrs = Collections.unmodifiableSortedMap(new TreeMap<>(xattrs));
    }

    static ModelNode dir(int perm, int uid, int gid, Long time, boolean implicit) {
        return new ModelNode(Kind.DIR, perm, uid, gid, time, time, null, null, new TreeMap<>(), implicit);
    }

    static ModelNode file(int perm, int uid, int gid, Long time, byte[] data) {
        return new ModelNode(Kind.FILE, perm, uid, gid, time, time, data, null, new TreeMap<>(), false);
    }

    static ModelNode link(int uid, int gid, long time, String target) {
        return new ModelNode(Kind.LINK, 0777, uid, gid, time, time, null, target, new TreeMap<>(), false);
    }

    public boolean isDir() {
        return kind == Kind.DIR;
    }

    public boolean isFile() {
        return kind == Kind.FILE;
    }

    public boolean isLink() {
        return kind == Kind.LINK;
    }

    public long size() {
        return switch (kind) {
            case DIR -> 0;
            case FILE -> data.length;
            case LINK -> target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        };
    }

    ModelNode withData(byte[] d, long now) {
        return new ModelNode(kind, perm, uid, gid, now, atime, d, target, xattrs, implicit);
    }

    ModelNode withPerm(int p) {
        return new ModelNode(kind, p, uid, gid, mtime, atime, data, target, xattrs, false);
    }

    ModelNode withTimes(Long a, Long m) {
        return new ModelNode(kind, perm, uid, gid, m, a, data, target, xattrs, false);
    }

    ModelNode withXattrs(SortedMap<String, byte[]> x) {
        return new ModelNode(kind, perm, uid, gid, mtime, atime, data, target, x, false);
    }
}
