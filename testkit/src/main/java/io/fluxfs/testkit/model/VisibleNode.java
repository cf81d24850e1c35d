package io.fluxfs.testkit.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a caller can see of one path: getattr (type, permission bits, owner, nlink, size, times), the
 * file's bytes, the symlink's target, the extended attributes.
 *
 * @param kind   null when getattr reported a type the model has no word for
 * @param mtime  null in the model when it cannot know the time: not compared then
 * @param data   a file's bytes, or null when not read (not compared then)
 * @param xattrs name to hex value
 */
public record VisibleNode(ModelNode.Kind kind, int perm, int uid, int gid, int nlink, long size, Long mtime,
                          Long atime, byte[] data, String target, SortedMap<String, String> xattrs) {

    public static VisibleNode of(ModelNode n) {
        SortedMap<String, String> x = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : n.xattrs().entrySet()) {
            x.put(e.getKey(), HexFormat.of().formatHex(e.getValue()));
        }
        return new VisibleNode(n.kind(), n.perm(), n.uid(), n.gid(), n.isDir() ? 2 : 1, n.size(), n.mtime(),
                n.atime(), n.data(), n.target(), x);
    }

    /**
     * The differences between what the model expects and what the filesystem shows, one readable line each,
     * for every path in either map.
     */
    public static List<String> diff(SortedMap<String, VisibleNode> expected, SortedMap<String, VisibleNode> actual) {
        List<String> out = new ArrayList<>();
        TreeMap<String, Boolean> all = new TreeMap<>();
        expected.keySet().forEach(k -> all.put(k, true));
        actual.keySet().forEach(k -> all.put(k, true));
        for (String path : all.keySet()) {
            VisibleNode e = expected.get(path);
            VisibleNode a = actual.get(path);
            if (a == null) {
                out.add(path + ": expected " + e.kind() + ", missing");
            } else if (e == null) {
                out.add(path + ": not expected, but there is a " + a.kind());
            } else {
                out.addAll(e.diffTo(path, a));
            }
        }
        return out;
    }

    /** Field by field, skipping what this (expected) node leaves open. */
    public List<String> diffTo(String path, VisibleNode a) {
        List<String> out = new ArrayList<>();
        if (kind != a.kind) {
            out.add(path + ": type " + kind + " expected, got " + a.kind);
            return out;
        }
        check(out, path, "mode", "0" + Integer.toOctalString(perm), "0" + Integer.toOctalString(a.perm));
        check(out, path, "uid", uid, a.uid);
        check(out, path, "gid", gid, a.gid);
        check(out, path, "nlink", nlink, a.nlink);
        if (kind != ModelNode.Kind.DIR) {
            check(out, path, "size", size, a.size);
        }
        if (mtime != null) {
            check(out, path, "mtime", mtime, a.mtime);
        }
        if (atime != null) {
            check(out, path, "atime", atime, a.atime);
        }
        if (data != null && a.data != null && !Arrays.equals(data, a.data)) {
            out.add(path + ": content differs at byte " + Arrays.mismatch(data, a.data) + " (expected "
                    + data.length + " bytes, got " + a.data.length + ")");
        }
        check(out, path, "symlink target", target, a.target);
        check(out, path, "xattrs", xattrs, a.xattrs);
        return out;
    }

    private static void check(List<String> out, String path, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            out.add(path + ": " + what + " " + expected + " expected, got " + actual);
        }
    }
}
