package io.fluxfs.testkit.model;

import io.fluxfs.engine.format.MountDefaults;
import io.fluxfs.engine.fs.FileSystem.XattrMode;
import io.fluxfs.engine.fs.FsError;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static io.fluxfs.engine.fs.FsError.EEXIST;
import static io.fluxfs.engine.fs.FsError.EINVAL;
import static io.fluxfs.engine.fs.FsError.EISDIR;
import static io.fluxfs.engine.fs.FsError.ELOOP;
import static io.fluxfs.engine.fs.FsError.ENODATA;
import static io.fluxfs.engine.fs.FsError.ENOENT;
import static io.fluxfs.engine.fs.FsError.ENOTDIR;
import static io.fluxfs.engine.fs.FsError.ENOTEMPTY;
import static io.fluxfs.engine.fs.FsError.EPERM;

/**
 * What the filesystem must do: a map from absolute path to {@link ModelNode}, and for every {@link Op}
 * its outcome and effect. Errors follow Linux (path walk first: a missing component is ENOENT, a
 * non-directory on the way is ENOTDIR) and docs/SEMANTICS.md where fluxfs differs (no hard links: EPERM;
 * implicit directories; headers written by other tools). Symlinks are never followed: that is the
 * kernel's job, not the filesystem's.
 *
 * <p>Callers create files as uid/gid {@code defaults.uid()/gid()}. Not thread safe.
 */
public final class ReferenceModel {
    /** s3fs-fuse's mode for an object without a mode header (the format's fallback). */
    public static final int HEADERLESS_FILE_PERM = 0640;
    public static final int HEADERLESS_DIR_PERM = 0750;

    private final MountDefaults defaults;
    private final TreeMap<String, ModelNode> nodes = new TreeMap<>();
    private boolean settle;

    public ReferenceModel(MountDefaults defaults) {
        this.defaults = defaults;
        nodes.put("/", rootNode());
    }

    private ModelNode rootNode() {
        // The root's attributes are not stored: mode 0755 & ~umask, a time the model cannot know.
        return ModelNode.dir(0755 & ~defaults.umask(), defaults.uid(), defaults.gid(), null, false);
    }

    // ------------------------------------------------------------------ reading the model

    public ModelNode get(String path) {
        return nodes.get(path);
    }

    /** Every path, sorted. */
    public List<String> paths() {
        return new ArrayList<>(nodes.keySet());
    }

    /** Names in a directory, sorted. */
    public List<String> children(String dir) {
        List<String> out = new ArrayList<>();
        for (String p : nodes.keySet()) {
            if (!p.equals("/") && parentOf(p).equals(dir)) {
                out.add(nameOf(p));
            }
        }
        return out;
    }

    /** True (once) when an implicit directory vanished or another client acted: the engine may lag by a TTL. */
    public boolean takeSettle() {
        boolean s = settle;
        settle = false;
        return s;
    }

    /** What readdir/getattr/read/readlink/getxattr must show, for every path. */
    public SortedMap<String, VisibleNode> visible() {
        SortedMap<String, VisibleNode> out = new TreeMap<>();
        for (Map.Entry<String, ModelNode> e : nodes.entrySet()) {
            out.put(e.getKey(), VisibleNode.of(e.getValue()));
        }
        return out;
    }

    public static String parentOf(String path) {
        int i = path.lastIndexOf('/');
        return i == 0 ? "/" : path.substring(0, i);
    }

    public static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    // ------------------------------------------------------------------ the semantics

    /** Applies {@code op} at wall time {@code now} and returns the outcome it must have. */
    public Outcome apply(Op op, long now) {
        if (op instanceof Op.CreateWrite o) {
            return createWrite(o, now);
        } else if (op instanceof Op.WriteAt o) {
            return writeAt(o.path(), o.offset(), Bytes.of(o.size(), o.seed()), now);
        } else if (op instanceof Op.Append o) {
            ModelNode n = nodes.get(o.path());
            long at = n != null && n.isFile() ? n.data().length : 0;
            return writeAt(o.path(), at, Bytes.of(o.size(), o.seed()), now);
        } else if (op instanceof Op.Truncate o) {
            return truncate(o.path(), o.size(), now);
        } else if (op instanceof Op.Rename o) {
            return rename(o.from(), o.to(), o.noReplace());
        } else if (op instanceof Op.Unlink o) {
            return unlink(o.path());
        } else if (op instanceof Op.Mkdir o) {
            return mkdir(o.path(), o.mode() & 07777 & ~o.umask(), now);
        } else if (op instanceof Op.Rmdir o) {
            return rmdir(o.path());
        } else if (op instanceof Op.Chmod o) {
            return change(o.path(), n -> n.withPerm(o.mode() & 07777));
        } else if (op instanceof Op.Utimens o) {
            return change(o.path(), n -> n.withTimes(time(o.atime(), n.atime(), now), time(o.mtime(), n.mtime(), now)));
        } else if (op instanceof Op.Symlink o) {
            return symlink(o.target(), o.path(), now);
        } else if (op instanceof Op.Readlink o) {
            return readlink(o.path());
        } else if (op instanceof Op.Link o) {
            return link(o.existing(), o.newPath());
        } else if (op instanceof Op.SetXattr o) {
            return setxattr(o, Bytes.of(o.size(), o.seed()));
        } else if (op instanceof Op.GetXattr o) {
            return getxattr(o.path(), o.name());
        } else if (op instanceof Op.RemoveXattr o) {
            return removexattr(o.path(), o.name());
        } else if (op instanceof Op.Remount) {
            return remount();
        } else if (op instanceof Op.Expire) {
            return Outcome.OK;
        } else if (op instanceof Op.OtherPut o) {
            return otherPut(o);
        } else if (op instanceof Op.OtherDelete o) {
            return otherDelete(o.path());
        } else if (op instanceof Op.OtherMkdir o) {
            return otherMkdir(o);
        } else if (op instanceof Op.OtherRemoveMarker o) {
            return otherRemoveMarker(o.path());
        }
        throw new IllegalArgumentException("unknown op " + op);
    }

    /** utimensat's rule for one time: omitted keeps it, UTIME_NOW is now, else the given time. */
    private static Long time(Long given, Long old, long now) {
        if (given == null) {
            return old;
        }
        return given == Op.NOW ? Long.valueOf(now) : given;
    }

    /** The error of walking to {@code path} itself, or null if it exists. */
    private FsError walk(String path) {
        if (path.equals("/")) {
            return null;
        }
        FsError e = walkParent(path);
        if (e != null) {
            return e;
        }
        return nodes.containsKey(path) ? null : ENOENT;
    }

    /** The error of walking to {@code path}'s parent as a directory, or null. */
    private FsError walkParent(String path) {
        String cur = "/";
        String parent = parentOf(path);
        if (parent.equals("/")) {
            return null;
        }
        for (String part : parent.substring(1).split("/")) {
            cur = child(cur, part);
            ModelNode n = nodes.get(cur);
            if (n == null) {
                return ENOENT;
            }
            if (!n.isDir()) {
                return ENOTDIR;
            }
        }
        return null;
    }

    private Outcome createWrite(Op.CreateWrite o, long now) {
        FsError e = walkParent(o.path());
        if (e != null) {
            return Outcome.of(e);
        }
        byte[] data = Bytes.of(o.size(), o.seed());
        ModelNode n = nodes.get(o.path());
        if (n == null) {
            nodes.put(o.path(), ModelNode.file(o.mode() & 07777 & ~o.umask(), defaults.uid(), defaults.gid(), now, data));
            return Outcome.OK;
        }
        if (o.exclusive()) {
            return Outcome.of(EEXIST);
        }
        if (n.isDir()) {
            return Outcome.of(EISDIR);
        }
        if (n.isLink()) {
            return Outcome.of(ELOOP); // the engine does not follow links (O_NOFOLLOW's answer)
        }
        // O_TRUNC of an existing file marks mtime for update, and so does a write.
        nodes.put(o.path(), n.withData(data, now));
        return Outcome.OK;
    }

    private Outcome writeAt(String path, long offset, byte[] bytes, long now) {
        FsError e = walk(path);
        if (e != null) {
            return Outcome.of(e);
        }
        ModelNode n = nodes.get(path);
        if (n.isDir()) {
            return Outcome.of(EISDIR);
        }
        if (n.isLink()) {
            return Outcome.of(ELOOP);
        }
        byte[] d = Arrays.copyOf(n.data(), (int) Math.max(n.data().length, offset + bytes.length));
        System.arraycopy(bytes, 0, d, (int) offset, bytes.length);
        nodes.put(path, n.withData(d, now));
        return Outcome.OK;
    }

    private Outcome truncate(String path, long size, long now) {
        FsError e = walk(path);
        if (e != null) {
            return Outcome.of(e);
        }
        ModelNode n = nodes.get(path);
        if (n.isDir()) {
            return Outcome.of(EISDIR);
        }
        if (n.isLink()) {
            return Outcome.of(EINVAL);
        }
        nodes.put(path, n.withData(Arrays.copyOf(n.data(), (int) size), now));
        return Outcome.OK;
    }

    private Outcome mkdir(String path, int perm, long now) {
        FsError e = walkParent(path);
        if (e != null) {
            return Outcome.of(e);
        }
        if (nodes.containsKey(path)) {
            return Outcome.of(EEXIST);
        }
        nodes.put(path, ModelNode.dir(perm, defaults.uid(), defaults.gid(), now, false));
        return Outcome.OK;
    }

    private Outcome rmdir(String path) {
        FsError e = walk(path);
        if (e != null) {
            return Outcome.of(e);
        }
        if (!nodes.get(path).isDir()) {
            return Outcome.of(ENOTDIR);
        }
        if (!children(path).isEmpty()) {
            return Outcome.of(ENOTEMPTY);
        }
        remove(path);
        return Outcome.OK;
    }

    private Outcome unlink(String path) {
        FsError e = walk(path);
        if (e != null) {
            return Outcome.of(e);
        }
        if (nodes.get(path).isDir()) {
            return Outcome.of(EISDIR);
        }
        remove(path);
        return Outcome.OK;
    }

    private Outcome symlink(String target, String path, long now) {
        FsError e = walkParent(path);
        if (e != null) {
            return Outcome.of(e);
        }
        if (nodes.containsKey(path)) {
            return Outcome.of(EEXIST);
        }
        nodes.put(path, ModelNode.link(defaults.uid(), defaults.gid(), now, target));
        return Outcome.OK;
    }

    private Outcome readlink(String path) {
        FsError e = walk(path);
        if (e != null) {
            return Outcome.of(e);
        }
        ModelNode n = nodes.get(path);
        return n.isLink() ? Outcome.ok(n.target()) : Outcome.of(EINVAL);
    }

    private Outcome link(String existing, String newPath) {
        FsError e = walk(existing);
        if (e == null) {
            e = walkParent(newPath);
        }
        // S3 has no hard links (docs/SEMANTICS.md).
        return Outcome.of(e != null ? e : EPERM);
    }

    private Outcome rename(String from, String to, boolean noReplace) {
        // Both parents are walked, then the source looked up, then RENAME_NOREPLACE. Where several errors
        // apply (a file onto its own ancestor: EISDIR or ENOTEMPTY; a directory onto a file inside it:
        // ENOTDIR or EINVAL) POSIX allows either and the kernel answers before the filesystem is asked;
        // the model checks the types first.
        FsError e = walkParent(from);
        if (e == null) {
            e = walkParent(to);
        }
        if (e == null && !nodes.containsKey(from)) {
            e = ENOENT;
        }
        if (e != null) {
            return Outcome.of(e);
        }
        ModelNode src = nodes.get(from);
        ModelNode dst = nodes.get(to);
        if (noReplace && dst != null) {
            return Outcome.of(EEXIST);
        }
        if (from.equals(to)) {
            return Outcome.OK;
        }
        if (dst != null) {
            if (src.isDir() && !dst.isDir()) {
                return Outcome.of(ENOTDIR);
            }
            if (!src.isDir() && dst.isDir()) {
                return Outcome.of(EISDIR);
            }
        }
        if (to.startsWith(from + "/")) {
            return Outcome.of(EINVAL); // a directory into itself
        }
        if (dst != null) {
            if (dst.isDir() && !children(to).isEmpty()) {
                return Outcome.of(ENOTEMPTY); // also when the target is an ancestor of the source
            }
            nodes.remove(to);
        }
        TreeMap<String, ModelNode> moved = new TreeMap<>();
        for (String p : new ArrayList<>(nodes.keySet())) {
            if (p.equals(from) || p.startsWith(from + "/")) {
                moved.put(to + p.substring(from.length()), nodes.remove(p));
            }
        }
        nodes.putAll(moved);
        prune(parentOf(from));
        return Outcome.OK;
    }

    private Outcome change(String path, java.util.function.UnaryOperator<ModelNode> f) {
        FsError e = walk(path);
        if (e != null) {
            return Outcome.of(e);
        }
        // Any metadata change of an implicit directory writes its marker: it becomes explicit.
        nodes.put(path, f.apply(nodes.get(path)));
        return Outcome.OK;
    }

    private Outcome setxattr(Op.SetXattr o, byte[] value) {
        FsError e = walk(o.path());
        if (e != null) {
            return Outcome.of(e);
        }
        ModelNode n = nodes.get(o.path());
        boolean had = n.xattrs().containsKey(o.name());
        if (o.mode() == XattrMode.CREATE_ONLY && had) {
            return Outcome.of(EEXIST);
        }
        if (o.mode() == XattrMode.REPLACE_ONLY && !had) {
            return Outcome.of(ENODATA);
        }
        TreeMap<String, byte[]> x = new TreeMap<>(n.xattrs());
        x.put(o.name(), value);
        nodes.put(o.path(), n.withXattrs(x));
        return Outcome.OK;
    }

    private Outcome getxattr(String path, String name) {
        FsError e = walk(path);
        if (e != null) {
            return Outcome.of(e);
        }
        byte[] v = nodes.get(path).xattrs().get(name);
        return v == null ? Outcome.of(ENODATA) : Outcome.ok(HexFormat.of().formatHex(v));
    }

    private Outcome removexattr(String path, String name) {
        FsError e = walk(path);
        if (e != null) {
            return Outcome.of(e);
        }
        ModelNode n = nodes.get(path);
        if (!n.xattrs().containsKey(name)) {
            return Outcome.of(ENODATA);
        }
        TreeMap<String, byte[]> x = new TreeMap<>(n.xattrs());
        x.remove(name);
        nodes.put(path, n.withXattrs(x));
        return Outcome.OK;
    }

    private Outcome remount() {
        // The root's attributes last until unmount (docs/SEMANTICS.md).
        nodes.put("/", rootNode());
        return Outcome.OK;
    }

    // ------------------------------------------------------------------ another S3 client

    /** Whether another client may PUT a file at {@code path}: no ancestor is a file, and it is not a directory. */
    public boolean canPutFileAt(String path) {
        ModelNode n = nodes.get(path);
        return (n == null || !n.isDir()) && ancestorsAreDirsOrAbsent(path);
    }

    /** Whether another client may PUT a marker at {@code path}: not a file, no ancestor is a file. */
    public boolean canPutMarkerAt(String path) {
        ModelNode n = nodes.get(path);
        return (n == null || n.isDir()) && ancestorsAreDirsOrAbsent(path);
    }

    private boolean ancestorsAreDirsOrAbsent(String path) {
        for (String p = parentOf(path); !p.equals("/"); p = parentOf(p)) {
            ModelNode a = nodes.get(p);
            if (a != null && !a.isDir()) {
                return false;
            }
        }
        return true;
    }

    private void makeImplicitParents(String path) {
        for (String p = parentOf(path); !p.equals("/") && !nodes.containsKey(p); p = parentOf(p)) {
            nodes.put(p, ModelNode.dir(0755 & ~defaults.umask(), defaults.uid(), defaults.gid(), null, true));
        }
    }

    private Outcome otherPut(Op.OtherPut o) {
        if (!canPutFileAt(o.path())) {
            throw new IllegalArgumentException("another client cannot put a file at " + o.path() + " here");
        }
        makeImplicitParents(o.path());
        byte[] data = Bytes.of(o.size(), o.seed());
        nodes.put(o.path(), o.mode() == null
                ? ModelNode.file(HEADERLESS_FILE_PERM, defaults.uid(), defaults.gid(), null, data)
                : ModelNode.file(o.mode() & 07777, defaults.uid(), defaults.gid(), o.mtime(), data));
        settle = true;
        return Outcome.OK;
    }

    private Outcome otherDelete(String path) {
        ModelNode n = nodes.get(path);
        if (n == null || n.isDir()) {
            throw new IllegalArgumentException("another client can only delete a file or link, not " + path);
        }
        remove(path);
        settle = true;
        return Outcome.OK;
    }

    private Outcome otherMkdir(Op.OtherMkdir o) {
        if (!canPutMarkerAt(o.path())) {
            throw new IllegalArgumentException("another client cannot put a marker at " + o.path() + " here");
        }
        makeImplicitParents(o.path());
        nodes.put(o.path(), o.mode() == null
                ? ModelNode.dir(HEADERLESS_DIR_PERM, defaults.uid(), defaults.gid(), null, false)
                : ModelNode.dir(o.mode() & 07777, defaults.uid(), defaults.gid(), o.mtime(), false));
        settle = true;
        return Outcome.OK;
    }

    private Outcome otherRemoveMarker(String path) {
        ModelNode n = nodes.get(path);
        if (n == null || !n.isDir() || n.implicit() || path.equals("/")) {
            throw new IllegalArgumentException("no marker at " + path);
        }
        if (children(path).isEmpty()) {
            remove(path);
        } else {
            nodes.put(path, ModelNode.dir(0755 & ~defaults.umask(), defaults.uid(), defaults.gid(), null, true));
        }
        settle = true;
        return Outcome.OK;
    }

    // ------------------------------------------------------------------ helpers

    private void remove(String path) {
        nodes.remove(path);
        prune(parentOf(path));
    }

    /** An implicit directory exists only while something is under it. */
    private void prune(String dir) {
        for (String p = dir; !p.equals("/"); p = parentOf(p)) {
            ModelNode n = nodes.get(p);
            if (n == null || !n.implicit() || !children(p).isEmpty()) {
                return;
            }
            nodes.remove(p);
            settle = true;
        }
    }

    /** A short tree listing for failure messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ModelNode> e : nodes.entrySet()) {
            ModelNode n = e.getValue();
            sb.append("  ").append(e.getKey()).append(' ').append(n.kind())
                    .append(" 0").append(Integer.toOctalString(n.perm()));
            if (n.isFile()) {
                sb.append(" ").append(n.data().length).append(" bytes");
            }
            if (n.isLink()) {
                sb.append(" -> ").append(n.target());
            }
            if (n.implicit()) {
                sb.append(" (implicit)");
            }
            if (!n.xattrs().isEmpty()) {
                sb.append(" xattrs=").append(n.xattrs().keySet());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
