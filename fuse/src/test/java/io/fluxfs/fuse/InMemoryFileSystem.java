package io.fluxfs.fuse;

import io.fluxfs.engine.fs.Caller;
import io.fluxfs.engine.fs.Created;
import io.fluxfs.engine.fs.DirEntry;
import io.fluxfs.engine.fs.Entry;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.FsError;
import io.fluxfs.engine.fs.FsException;
import io.fluxfs.engine.fs.InodeAttr;
import io.fluxfs.engine.fs.OpenFlags;
import io.fluxfs.engine.fs.SetAttr;
import io.fluxfs.engine.fs.StatFs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A small, strict in-memory {@link FileSystem} for the adapter's mount tests: enough POSIX for ls,
 * stat, cat, dd, mkdir, rm, mv, ln -s, xattrs and the errno cases. One lock; every future is
 * complete when returned (except after {@link #stallNext}, which makes the next call never answer).
 */
final class InMemoryFileSystem implements FileSystem {

    private static final class Node {
        final long ino;
        int mode;
        int nlink = 1;
        int uid;
        int gid;
        long atime;
        long mtime;
        long ctime;
        byte[] data = new byte[0];
        long size;
        String target;
        final TreeMap<String, Long> children = new TreeMap<>();
        final Map<String, byte[]> xattrs = new LinkedHashMap<>();

        Node(long ino, int mode, Caller c, long now) {
            this.ino = ino;
            this.mode = mode;
            this.uid = c.uid();
            this.gid = c.gid();
            atime = mtime = ctime = now;
        }

        boolean isDir() {
            return (mode & InodeAttr.S_IFMT) == InodeAttr.S_IFDIR;
        }

        InodeAttr attr() {
            long sz = isDir() ? 4096 : target != null ? target.length() : size;
            return new InodeAttr(ino, mode, isDir() ? 2 : nlink,
                    uid, gid, sz, atime, mtime, ctime);
        }
    }

    private final Map<Long, Node> nodes = new HashMap<>();
    private final Map<Long, Long> handles = new HashMap<>();
    private long nextIno = 2;
    private long nextHandle = 1;
    private final AtomicInteger stall = new AtomicInteger();
    private volatile RuntimeException boom;
    volatile boolean closed;

    InMemoryFileSystem() {
        Node root = new Node(ROOT, InodeAttr.S_IFDIR | 0755, Caller.ROOT, now());
        nodes.put(ROOT, root);
    }

    /** The next {@code n} calls return futures that never complete (to test timeouts). */
    void stallNext(int n) {
        stall.set(n);
    }

    private static long now() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** The next call throws {@code e} instead of returning a future (a broken engine). */
    void throwNext(RuntimeException e) {
        boom = e;
    }

    private <T> CompletableFuture<T> run(Supplier<T> body) {
        RuntimeException b = boom;
        if (b != null) {
            boom = null;
            throw b;
        }
        if (stall.getAndUpdate(x -> Math.max(0, x - 1)) > 0) {
            return new CompletableFuture<>();
        }
        synchronized (this) {
            try {
                return CompletableFuture.completedFuture(body.get());
            } catch (FsException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    private static FsException err(FsError e, String what) {
        return new FsException(e, what);
    }

    private Node node(long ino) {
        Node n = nodes.get(ino);
        if (n == null) {
            throw err(FsError.ESTALE, "inode " + ino);
        }
        return n;
    }

    private Node dir(long ino) {
        Node n = node(ino);
        if (!n.isDir()) {
            throw err(FsError.ENOTDIR, "inode " + ino);
        }
        return n;
    }

    private Node byHandle(long ino, long handle) {
        Long i = handles.get(handle);
        if (i == null) {
            throw err(FsError.EBADF, "handle " + handle);
        }
        return node(i);
    }

    private Entry entry(Node n) {
        return new Entry(n.ino, n.attr(), 1_000_000_000L, 1_000_000_000L);
    }

    private Node make(long parent, String name, int mode, Caller c) {
        Node p = dir(parent);
        if (name.length() > 255) {
            throw err(FsError.ENAMETOOLONG, name);
        }
        if (p.children.containsKey(name)) {
            throw err(FsError.EEXIST, name);
        }
        Node n = new Node(nextIno++, mode, c, now());
        nodes.put(n.ino, n);
        p.children.put(name, n.ino);
        p.mtime = p.ctime = now();
        return n;
    }

    @Override
    public CompletableFuture<Entry> lookup(long parent, String name) {
        return run(() -> {
            Long i = dir(parent).children.get(name);
            if (i == null) {
                throw err(FsError.ENOENT, name);
            }
            return entry(node(i));
        });
    }

    @Override
    public void forget(long ino, long nlookup) {
    }

    @Override
    public CompletableFuture<InodeAttr> getattr(long ino) {
        return run(() -> node(ino).attr());
    }

    @Override
    public CompletableFuture<InodeAttr> setattr(long ino, SetAttr ch, long handle, Caller caller) {
        return run(() -> {
            Node n = handle != NO_HANDLE ? byHandle(ino, handle) : node(ino);
            if (ch.mode() != null) {
                n.mode = (n.mode & InodeAttr.S_IFMT) | (ch.mode() & 07777);
            }
            if (ch.uid() != null) {
                n.uid = ch.uid();
            }
            if (ch.gid() != null) {
                n.gid = ch.gid();
            }
            if (ch.size() != null) {
                if (n.isDir()) {
                    throw err(FsError.EISDIR, "truncate");
                }
                resize(n, ch.size());
                n.mtime = now();
            }
            if (ch.atimeNanos() != null) {
                n.atime = ch.atimeNanos() == SetAttr.NOW ? now() : ch.atimeNanos();
            }
            if (ch.mtimeNanos() != null) {
                n.mtime = ch.mtimeNanos() == SetAttr.NOW ? now() : ch.mtimeNanos();
            }
            n.ctime = now();
            return n.attr();
        });
    }

    private static void resize(Node n, long size) {
        if (size > n.data.length) {
            n.data = Arrays.copyOf(n.data, (int) Math.max(size, n.data.length * 2L));
        } else if (size < n.size) {
            Arrays.fill(n.data, (int) size, (int) n.size, (byte) 0);
        }
        n.size = size;
    }

    @Override
    public CompletableFuture<Entry> mkdir(long parent, String name, int mode, Caller caller) {
        return run(() -> entry(make(parent, name, InodeAttr.S_IFDIR | (mode & 07777), caller)));
    }

    @Override
    public CompletableFuture<Void> rmdir(long parent, String name) {
        return run(() -> {
            Node p = dir(parent);
            Long i = p.children.get(name);
            if (i == null) {
                throw err(FsError.ENOENT, name);
            }
            Node n = node(i);
            if (!n.isDir()) {
                throw err(FsError.ENOTDIR, name);
            }
            if (!n.children.isEmpty()) {
                throw err(FsError.ENOTEMPTY, name);
            }
            p.children.remove(name);
            nodes.remove(i);
            return null;
        });
    }

    @Override
    public CompletableFuture<Created> create(long parent, String name, int mode, OpenFlags flags, Caller caller) {
        return run(() -> {
            Node n = make(parent, name, InodeAttr.S_IFREG | (mode & 07777), caller);
            long h = nextHandle++;
            handles.put(h, n.ino);
            return new Created(entry(n), h);
        });
    }

    @Override
    public CompletableFuture<Entry> mknod(long parent, String name, int mode, Caller caller) {
        return run(() -> entry(make(parent, name, mode, caller)));
    }

    @Override
    public CompletableFuture<Entry> symlink(long parent, String name, String target, Caller caller) {
        return run(() -> {
            Node n = make(parent, name, InodeAttr.S_IFLNK | 0777, caller);
            n.target = target;
            return entry(n);
        });
    }

    @Override
    public CompletableFuture<String> readlink(long ino) {
        return run(() -> {
            Node n = node(ino);
            if (n.target == null) {
                throw err(FsError.EINVAL, "not a symlink");
            }
            return n.target;
        });
    }

    @Override
    public CompletableFuture<Entry> link(long ino, long newParent, String newName) {
        return run(() -> {
            throw err(FsError.EPERM, "hard links are not supported");
        });
    }

    @Override
    public CompletableFuture<Void> unlink(long parent, String name) {
        return run(() -> {
            Node p = dir(parent);
            Long i = p.children.get(name);
            if (i == null) {
                throw err(FsError.ENOENT, name);
            }
            if (node(i).isDir()) {
                throw err(FsError.EISDIR, name);
            }
            p.children.remove(name);
            if (!handles.containsValue(i)) {
                nodes.remove(i);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> rename(long parent, String name, long newParent, String newName, boolean noReplace) {
        return run(() -> {
            Node p = dir(parent);
            Node q = dir(newParent);
            Long i = p.children.get(name);
            if (i == null) {
                throw err(FsError.ENOENT, name);
            }
            Long existing = q.children.get(newName);
            if (existing != null) {
                if (noReplace) {
                    throw err(FsError.EEXIST, newName);
                }
                Node e = node(existing);
                if (e.isDir() && !e.children.isEmpty()) {
                    throw err(FsError.ENOTEMPTY, newName);
                }
                if (e.isDir() != node(i).isDir()) {
                    throw err(e.isDir() ? FsError.EISDIR : FsError.ENOTDIR, newName);
                }
            }
            p.children.remove(name);
            q.children.put(newName, i);
            return null;
        });
    }

    @Override
    public CompletableFuture<Long> open(long ino, OpenFlags flags) {
        return run(() -> {
            Node n = node(ino);
            if (flags.truncate() && flags.write()) {
                resize(n, 0);
            }
            long h = nextHandle++;
            handles.put(h, ino);
            return h;
        });
    }

    @Override
    public CompletableFuture<ByteBuffer> read(long ino, long handle, long offset, int size) {
        return run(() -> {
            Node n = byHandle(ino, handle);
            if (offset >= n.size) {
                return ByteBuffer.allocate(0);
            }
            int len = (int) Math.min(size, n.size - offset);
            return ByteBuffer.wrap(Arrays.copyOfRange(n.data, (int) offset, (int) offset + len));
        });
    }

    @Override
    public CompletableFuture<Integer> write(long ino, long handle, long offset, ByteBuffer data) {
        return run(() -> {
            Node n = byHandle(ino, handle);
            int len = data.remaining();
            long end = offset + len;
            if (end > n.size) {
                resize(n, end);
            }
            data.duplicate().get(n.data, (int) offset, len);
            n.mtime = n.ctime = now();
            return len;
        });
    }

    @Override
    public CompletableFuture<Void> flush(long ino, long handle) {
        return run(() -> {
            byHandle(ino, handle);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> fsync(long ino, long handle, boolean dataOnly) {
        return flush(ino, handle);
    }

    @Override
    public CompletableFuture<Void> release(long ino, long handle) {
        return run(() -> {
            handles.remove(handle);
            return null;
        });
    }

    @Override
    public CompletableFuture<Long> opendir(long ino) {
        return run(() -> {
            dir(ino);
            long h = nextHandle++;
            handles.put(h, ino);
            return h;
        });
    }

    @Override
    public CompletableFuture<List<DirEntry>> readdir(long ino, long handle, long offset, int max) {
        return run(() -> {
            Node d = byHandle(ino, handle);
            List<DirEntry> all = new ArrayList<>();
            all.add(new DirEntry(".", d.ino, InodeAttr.S_IFDIR, 1));
            all.add(new DirEntry("..", d.ino, InodeAttr.S_IFDIR, 2));
            for (Map.Entry<String, Long> c : d.children.entrySet()) {
                all.add(new DirEntry(c.getKey(), c.getValue(), node(c.getValue()).mode & InodeAttr.S_IFMT, all.size() + 1));
            }
            int from = (int) Math.min(offset, all.size());
            return List.copyOf(all.subList(from, Math.min(all.size(), from + max)));
        });
    }

    @Override
    public CompletableFuture<Void> releasedir(long ino, long handle) {
        return release(ino, handle);
    }

    @Override
    public CompletableFuture<byte[]> getxattr(long ino, String name) {
        return run(() -> {
            byte[] v = node(ino).xattrs.get(name);
            if (v == null) {
                throw err(FsError.ENODATA, name);
            }
            return v.clone();
        });
    }

    @Override
    public CompletableFuture<Void> setxattr(long ino, String name, byte[] value, XattrMode mode) {
        return run(() -> {
            Node n = node(ino);
            boolean has = n.xattrs.containsKey(name);
            if (mode == XattrMode.CREATE_ONLY && has) {
                throw err(FsError.EEXIST, name);
            }
            if (mode == XattrMode.REPLACE_ONLY && !has) {
                throw err(FsError.ENODATA, name);
            }
            n.xattrs.put(name, value.clone());
            return null;
        });
    }

    @Override
    public CompletableFuture<List<String>> listxattr(long ino) {
        return run(() -> List.copyOf(node(ino).xattrs.keySet()));
    }

    @Override
    public CompletableFuture<Void> removexattr(long ino, String name) {
        return run(() -> {
            if (node(ino).xattrs.remove(name) == null) {
                throw err(FsError.ENODATA, name);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<StatFs> statfs() {
        return run(() -> new StatFs(4096, 1L << 30, 1L << 30, 1L << 30, 1L << 20, 1L << 20, 255));
    }

    @Override
    public void close() {
        closed = true;
    }
}
