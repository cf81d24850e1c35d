package io.fluxfs.engine.core;

import io.fluxfs.engine.format.Keys;
import io.fluxfs.engine.format.PosixMeta;
import io.fluxfs.engine.format.S3fsMetadata;
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
import io.fluxfs.engine.store.ByteRange;
import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.ListPage;
import io.fluxfs.engine.store.ListRequest;
import io.fluxfs.engine.store.MeteredObjectStore;
import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The filesystem over S3 objects. See the package design note for the model; in short: names and
 * attributes come from {@link Namespace}, open files keep their bytes in an {@link OpenFile}, whole
 * objects move through {@link Transfers}, and every result is delivered on an engine thread as an
 * {@link FsException} or a value.
 */
final class FluxFileSystem implements FileSystem {
    private static final Logger LOG = LoggerFactory.getLogger(FluxFileSystem.class);

    private final ObjectStore store;
    private final MeteredObjectStore metered;
    private final EngineConfig cfg;
    private final ExecutorService exec;
    private final Scheduler io;
    private final Namespace ns;
    private final Transfers transfers;
    private final WritePath writes;
    private final ReadPath reads;
    private final AtomicLong nextHandle = new AtomicLong(1);
    private final ConcurrentHashMap<Long, FileHandle> files = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, DirHandle> dirs = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile boolean ownsStore;

    FluxFileSystem(ObjectStore store, MeteredObjectStore metered, EngineConfig cfg) {
        this.store = store;
        this.metered = metered;
        this.cfg = cfg;
        int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(65_536), r -> {
                    Thread t = new Thread(r, "fluxfs-engine-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.exec = pool;
        this.io = Schedulers.fromExecutorService(pool, "fluxfs-engine");
        this.ns = new Namespace(store, cfg, exec);
        this.transfers = new Transfers(store, io, cfg.partSize(), cfg.uploadConcurrency());
        this.writes = new WritePath(store, cfg, exec, ns, transfers);
        this.reads = new ReadPath(store, cfg, exec, ns);
    }

    // ---------------------------------------------------------------- plumbing

    /** Runs {@code body}, turning every failure into an FsException and completing on an engine thread. */
    private <T> CompletableFuture<T> op(String what, Supplier<CompletableFuture<T>> body) {
        CompletableFuture<T> f;
        try {
            if (closed) {
                throw new FsException(FsError.EIO, "the filesystem is closed");
            }
            f = body.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        if (f.isDone()) {
            // Answered from memory (a cache hit, a validation error): no thread hop, no allocation of a stage.
            if (!f.isCompletedExceptionally()) {
                return f;
            }
            CompletableFuture<T> failed = f;
            return CompletableFuture.failedFuture(StoreErrors.toFs(failed.handle((v, err) -> err).join(), what));
        }
        return f.handleAsync((v, err) -> {
            if (err != null) {
                throw StoreErrors.toFs(err, what);
            }
            return v;
        }, exec);
    }

    private Entry entry(Inode i) {
        long ttl = cfg.metadataTtlNanos();
        return new Entry(i.ino, ns.toAttr(i), ttl, ttl);
    }

    private FileHandle fileHandle(long handle) {
        FileHandle h = files.get(handle);
        if (h == null) {
            throw new FsException(FsError.EBADF, "no open file handle " + handle);
        }
        return h;
    }

    private DirHandle dirHandle(long handle) {
        DirHandle h = dirs.get(handle);
        if (h == null) {
            throw new FsException(FsError.EBADF, "no open directory handle " + handle);
        }
        return h;
    }

    private static final int S_ISGID = 02000;

    /**
     * Metadata of a new entry in {@code dir}: the caller owns it, except that a set-group-ID
     * directory gives it its group, and a new directory in one inherits the bit (Linux's rule; the
     * kernel leaves it to the filesystem under FUSE).
     */
    private PosixMeta newMeta(Inode dir, int typeAndMode, Caller caller) {
        long now = ns.wallNanos();
        int type = typeAndMode & InodeAttr.S_IFMT;
        int perm = typeAndMode & 07777 & ~caller.umask();
        int gid = caller.gid();
        PosixMeta parent = dir.attrs.posix();
        if ((parent.mode() & S_ISGID) != 0) {
            gid = parent.gid();
            if (type == InodeAttr.S_IFDIR) {
                perm |= S_ISGID;
            }
        }
        return new PosixMeta(type | perm, caller.uid(), gid, now, now, now, Map.of());
    }

    private static FsException fail(FsError e, String msg) {
        return new FsException(e, msg);
    }

    // ---------------------------------------------------------------- names

    @Override
    public CompletableFuture<Entry> lookup(long parent, String name) {
        return op("lookup " + name, () -> ns.lookup(ns.get(parent), name).thenApply(this::entry));
    }

    @Override
    public void forget(long ino, long nlookup) {
        // The table is bounded by its own eviction; lookup counts are not needed to keep it small.
    }

    @Override
    public CompletableFuture<InodeAttr> getattr(long ino) {
        return op("getattr " + ino, () -> ns.revalidate(ns.get(ino)).thenApply(ns::toAttr));
    }

    @Override
    public CompletableFuture<Entry> mkdir(long parent, String name, int mode, Caller caller) {
        return op("mkdir " + name, () -> {
            Inode dir = ns.get(parent);
            return ns.lookupOrNull(dir, name).thenCompose(existing -> {
                if (existing != null) {
                    throw fail(FsError.EEXIST, existing + " exists");
                }
                String dk = ns.childFileKey(dir, name) + "/";
                Keys.checkKeyLength(dk);
                PosixMeta p = newMeta(dir, InodeAttr.S_IFDIR | (mode & 07777), caller);
                ObjectAttributes a = new ObjectAttributes(S3fsMetadata.DIRECTORY_CONTENT_TYPE, S3fsMetadata.encode(p));
                return store.put(dk, ByteBuffer.allocate(0), a).thenApplyAsync(etag -> {
                    Inode d = ns.register(dir, name, new Attrs(p, 0, etag, a.contentType(), true, true, ns.freshUntil()));
                    d.listedUntil = ns.freshUntil();
                    d.listed = true;
                    return entry(d);
                }, exec);
            });
        });
    }

    @Override
    public CompletableFuture<Void> rmdir(long parent, String name) {
        return op("rmdir " + name, () -> {
            Inode dir = ns.get(parent);
            return ns.lookup(dir, name).thenCompose(d -> {
                if (!d.isDirectory()) {
                    throw fail(FsError.ENOTDIR, d + " is not a directory");
                }
                return ensureEmpty(d).thenCompose(v -> store.delete(ns.dirKey(d)))
                        .thenRunAsync(() -> {
                            ns.detach(dir, name);
                            ns.addNegative(dir, name);
                        }, exec);
            });
        });
    }

    private CompletableFuture<Void> ensureEmpty(Inode d) {
        for (Inode c : d.children.values()) {
            if (c.hasLocalState()) {
                return CompletableFuture.failedFuture(fail(FsError.ENOTEMPTY, d + " is not empty"));
            }
        }
        String dk = ns.dirKey(d);
        return store.list(new ListRequest(dk, null, null, 2)).thenAccept(page -> {
            for (ListPage.Entry e : page.objects()) {
                if (!e.key().equals(dk)) {
                    throw fail(FsError.ENOTEMPTY, d + " is not empty");
                }
            }
        });
    }

    @Override
    public CompletableFuture<Created> create(long parent, String name, int mode, OpenFlags flags, Caller caller) {
        return op("create " + name, () -> {
            Inode dir = ns.get(parent);
            return ns.lookupOrNull(dir, name).thenCompose(existing -> {
                if (existing != null) {
                    if (flags.exclusive()) {
                        throw fail(FsError.EEXIST, existing + " exists");
                    }
                    return openInode(existing, flags).thenApply(h -> new Created(entry(existing), h));
                }
                Keys.checkKeyLength(ns.childFileKey(dir, name));
                PosixMeta p = newMeta(dir, InodeAttr.S_IFREG | (mode & 07777), caller);
                Inode f = ns.register(dir, name, new Attrs(p, 0, null, null, false, true, ns.freshUntil()));
                OpenFile of = writes.acquire(f);
                synchronized (of) {
                    of.dataDirty = true;
                    of.generation++;
                }
                long h = newFileHandle(f, of, flags);
                return CompletableFuture.completedFuture(new Created(entry(f), h));
            });
        });
    }

    @Override
    public CompletableFuture<Entry> mknod(long parent, String name, int mode, Caller caller) {
        return op("mknod " + name, () -> {
            int type = mode & InodeAttr.S_IFMT;
            int t = type == 0 ? InodeAttr.S_IFREG : type;
            if (t == InodeAttr.S_IFDIR || t == InodeAttr.S_IFLNK) {
                throw fail(FsError.EINVAL, "mknod cannot make type " + Integer.toOctalString(t));
            }
            return putNew(parent, name, newMeta(ns.get(parent), t | (mode & 07777), caller), ByteBuffer.allocate(0), null);
        });
    }

    @Override
    public CompletableFuture<Entry> symlink(long parent, String name, String target, Caller caller) {
        return op("symlink " + name, () -> {
            byte[] body = target.getBytes(StandardCharsets.UTF_8);
            if (target.isEmpty() || body.length > 4095) {
                throw fail(target.isEmpty() ? FsError.ENOENT : FsError.ENAMETOOLONG, "symlink target of " + body.length + " bytes");
            }
            PosixMeta p = newMeta(ns.get(parent), InodeAttr.S_IFLNK | 0777, new Caller(caller.uid(), caller.gid(), 0));
            return putNew(parent, name, p, ByteBuffer.wrap(body), target);
        });
    }

    /** Creates a small object (empty file, FIFO, socket, symlink) in one PUT. */
    private CompletableFuture<Entry> putNew(long parent, String name, PosixMeta p, ByteBuffer body, String linkTarget) {
        Inode dir = ns.get(parent);
        return ns.lookupOrNull(dir, name).thenCompose(existing -> {
            if (existing != null) {
                throw fail(FsError.EEXIST, existing + " exists");
            }
            String key = ns.childFileKey(dir, name);
            Keys.checkKeyLength(key);
            int size = body.remaining();
            ObjectAttributes oa = new ObjectAttributes(WritePath.DEFAULT_CONTENT_TYPE, S3fsMetadata.encode(p));
            return store.put(key, body, oa).thenApplyAsync(etag -> {
                Inode n = ns.register(dir, name, new Attrs(p, size, etag, oa.contentType(), true, true, ns.freshUntil()));
                n.linkTarget = linkTarget;
                return entry(n);
            }, exec);
        });
    }

    @Override
    public CompletableFuture<String> readlink(long ino) {
        return op("readlink " + ino, () -> {
            Inode i = ns.get(ino);
            return ns.revalidate(i).thenCompose(x -> {
                if (!i.isSymlinkType()) {
                    throw fail(FsError.EINVAL, i + " is not a symlink");
                }
                String cached = i.linkTarget;
                if (cached != null) {
                    return CompletableFuture.completedFuture(cached);
                }
                return store.get(ns.fileKey(i), null, null).thenApply(r -> {
                    ByteBuffer b = r.data();
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    String t = new String(bytes, StandardCharsets.UTF_8);
                    i.linkTarget = t;
                    return t;
                });
            });
        });
    }

    @Override
    public CompletableFuture<Entry> link(long ino, long newParent, String newName) {
        // Deliberate: S3 has no hard links, and a copy would let the names drift apart. See docs/SEMANTICS.md.
        return op("link " + newName, () -> CompletableFuture.failedFuture(
                fail(FsError.EPERM, "hard links are not supported on S3 (see docs/SEMANTICS.md)")));
    }

    @Override
    public CompletableFuture<Void> unlink(long parent, String name) {
        return op("unlink " + name, () -> {
            Inode dir = ns.get(parent);
            return ns.lookup(dir, name).thenCompose(c -> {
                if (c.isDirectory()) {
                    throw fail(FsError.EISDIR, c + " is a directory");
                }
                CompletableFuture<Void> del = c.attrs.inStore() ? store.delete(ns.fileKey(c))
                        : CompletableFuture.completedFuture(null);
                return del.thenRunAsync(() -> {
                    ns.detach(dir, name);
                    ns.addNegative(dir, name);
                }, exec);
            });
        });
    }

    @Override
    public CompletableFuture<Void> rename(long parent, String name, long newParent, String newName, boolean noReplace) {
        return op("rename " + name + " -> " + newName, () -> {
            Keys.checkName(newName);
            Inode from = ns.get(parent);
            Inode to = ns.get(newParent);
            if (!to.isDirectory()) {
                throw fail(FsError.ENOTDIR, to + " is not a directory");
            }
            return ns.lookup(from, name).thenCompose(src -> ns.lookupOrNull(to, newName).thenCompose(dst -> {
                if (dst == src) {
                    return CompletableFuture.completedFuture(null);
                }
                if (dst != null) {
                    if (noReplace) {
                        throw fail(FsError.EEXIST, dst + " exists");
                    }
                    if (src.isDirectory() && !dst.isDirectory()) {
                        throw fail(FsError.ENOTDIR, dst + " is not a directory");
                    }
                    if (!src.isDirectory() && dst.isDirectory()) {
                        throw fail(FsError.EISDIR, dst + " is a directory");
                    }
                }
                if (src.isDirectory()) {
                    for (Inode p = to; p != null; p = p.parent()) {
                        if (p == src) {
                            throw fail(FsError.EINVAL, "cannot move " + src + " into itself");
                        }
                    }
                    return renameDir(src, to, newName, dst);
                }
                return renameFile(src, to, newName);
            }));
        });
    }

    private CompletableFuture<Void> renameFile(Inode src, Inode to, String newName) {
        String newKey = ns.childFileKey(to, newName);
        Keys.checkKeyLength(newKey);
        OpenFile of = src.openFile();
        CompletableFuture<Void> durable = of != null ? writes.sync(of) : CompletableFuture.completedFuture(null);
        return durable.thenCompose(v -> {
            String oldKey = ns.fileKey(src);
            Attrs a = src.attrs;
            if (!a.inStore()) {
                return CompletableFuture.completedFuture((Void) null);
            }
            // Copy, then move the name, then delete the old key: an open handle reading during the rename
            // always finds its object (under the old key, then the new one), never a 404 between them.
            return transfers.copy(oldKey, newKey, a.size(), null, a.etag()).thenComposeAsync(etag -> {
                moveFile(src, to, newName, etag);
                return store.delete(oldKey);
            }, exec);
        }).thenRunAsync(() -> {
            if (src.parent() != to || !newName.equals(src.name())) {
                ns.move(src, to, newName); // nothing was stored: only the name moves
            }
        }, exec);
    }

    /** The same bytes now live under the new key with {@code etag}: re-pin open readers to it, move the name. */
    private void moveFile(Inode src, Inode to, String newName, ETag etag) {
        synchronized (src) {
            OpenFile of = src.open;
            if (of != null && etag != null) {
                synchronized (of) {
                    if (!of.dataDirty) {
                        of.baseEtag = etag;
                    }
                }
            }
            if (etag != null) {
                Attrs a = src.attrs;
                src.attrs = new Attrs(a.posix(), a.size(), etag, a.contentType(), true, a.complete(), a.freshUntil());
            }
        }
        ns.move(src, to, newName);
    }

    private CompletableFuture<Void> renameDir(Inode src, Inode to, String newName, Inode dst) {
        String oldDk = ns.dirKey(src);
        String newDk = ns.childFileKey(to, newName) + "/";
        Keys.checkKeyLength(newDk);
        CompletableFuture<Void> clearTarget = dst == null ? CompletableFuture.completedFuture(null)
                : ensureEmpty(dst).thenCompose(v -> store.delete(ns.dirKey(dst)));
        return clearTarget
                .thenCompose(v -> listAll(oldDk))
                .thenCompose(entries -> {
                    for (ListPage.Entry e : entries) {
                        Keys.checkKeyLength(newDk + e.key().substring(oldDk.length()));
                    }
                    return Flux.fromIterable(entries)
                            .flatMap(e -> Mono.fromFuture(() -> transfers.copy(e.key(),
                                    newDk + e.key().substring(oldDk.length()), e.size(), null, null)),
                                    cfg.uploadConcurrency() * 2, 1)
                            .then(Flux.fromIterable(entries).map(ListPage.Entry::key)
                                    .buffer(ObjectStore.MAX_DELETE_BATCH)
                                    .concatMap(batch -> Mono.fromFuture(() -> store.deleteMany(batch)).doOnNext(failed -> {
                                        if (!failed.isEmpty()) {
                                            throw fail(FsError.EIO, "could not delete " + failed.size() + " old keys under " + oldDk);
                                        }
                                    }), 1)
                                    .then())
                            .toFuture();
                })
                .thenRunAsync(() -> ns.move(src, to, newName), exec);
    }

    /** Every object under a prefix, flat, all pages. */
    private CompletableFuture<List<ListPage.Entry>> listAll(String prefix) {
        List<ListPage.Entry> out = new ArrayList<>();
        return listFrom(prefix, null, out).thenApply(v -> out);
    }

    private CompletableFuture<Void> listFrom(String prefix, String token, List<ListPage.Entry> out) {
        return store.list(new ListRequest(prefix, null, token, 1000)).thenCompose(page -> {
            out.addAll(page.objects());
            return page.isTruncated() ? listFrom(prefix, page.nextToken(), out) : CompletableFuture.completedFuture(null);
        });
    }

    // ---------------------------------------------------------------- attributes

    @Override
    public CompletableFuture<InodeAttr> setattr(long ino, SetAttr change, long handle, Caller caller) {
        return op("setattr " + ino, () -> {
            Inode i = handle != NO_HANDLE && files.containsKey(handle) ? fileHandle(handle).inode() : ns.get(ino);
            CompletableFuture<Void> f = CompletableFuture.completedFuture(null);
            if (change.size() != null) {
                if (i.isDirectory()) {
                    throw fail(FsError.EISDIR, i + " is a directory");
                }
                if (i.type() != InodeAttr.S_IFREG) {
                    throw fail(FsError.EINVAL, i + " is not a regular file");
                }
                long size = change.size();
                f = writes.truncate(i, size);
            }
            if (change.changesMetadata()) {
                f = f.thenCompose(v -> ns.complete(i)).thenCompose(x -> updateMeta(i, applied(i.attrs.posix(), change)));
            }
            return f.thenApply(v -> ns.toAttr(i));
        });
    }

    private PosixMeta applied(PosixMeta p, SetAttr c) {
        long now = ns.wallNanos();
        PosixMeta r = p;
        if (c.mode() != null) {
            r = r.withMode((p.mode() & InodeAttr.S_IFMT) | (c.mode() & 07777));
        }
        if (c.uid() != null || c.gid() != null) {
            r = r.withOwner(c.uid() != null ? c.uid() : p.uid(), c.gid() != null ? c.gid() : p.gid());
        }
        if (c.atimeNanos() != null || c.mtimeNanos() != null) {
            long a = c.atimeNanos() == null ? p.atimeNanos() : c.atimeNanos() == SetAttr.NOW ? now : c.atimeNanos();
            long m = c.mtimeNanos() == null ? p.mtimeNanos() : c.mtimeNanos() == SetAttr.NOW ? now : c.mtimeNanos();
            r = r.withTimes(a, m);
        }
        return r.withCtime(now);
    }

    /**
     * Makes new metadata durable: folded into the pending upload of an open file, else one self-copy
     * of the object (a marker PUT for an implicit directory). The root's attributes live in memory.
     */
    private CompletableFuture<Void> updateMeta(Inode i, PosixMeta p) {
        synchronized (i) {
            OpenFile of = i.open;
            if (of != null) {
                synchronized (of) {
                    i.attrs = i.attrs.withPosix(p);
                    of.metaDirty = true;
                    of.generation++;
                }
                return CompletableFuture.completedFuture(null);
            }
        }
        if (i.parent() == null) {
            i.attrs = i.attrs.withPosix(p);
            return CompletableFuture.completedFuture(null);
        }
        Attrs a = i.attrs;
        ObjectAttributes oa = WritePath.attributesFor(i, p);
        if (WritePath.sumOfMetadata(oa.userMetadata()) > WritePath.MAX_USER_METADATA) {
            return CompletableFuture.failedFuture(fail(FsError.ENOSPC,
                    "metadata of " + i + " would exceed S3's 2 KiB of headers"));
        }
        CompletableFuture<ETag> write;
        if (i.isDirectory() && a.etag() == null) {
            write = store.put(ns.dirKey(i), ByteBuffer.allocate(0), oa);
        } else {
            String key = i.isDirectory() ? ns.dirKey(i) : ns.fileKey(i);
            write = transfers.copy(key, key, a.size(), oa, a.etag());
        }
        return write.thenAcceptAsync(etag -> i.attrs = new Attrs(p, a.size(), etag, oa.contentType(), true, true,
                ns.freshUntil()), exec);
    }

    // ---------------------------------------------------------------- open files

    private long newFileHandle(Inode i, OpenFile of, OpenFlags flags) {
        long h = nextHandle.getAndIncrement();
        files.put(h, new FileHandle(h, i, of, flags));
        return h;
    }

    @Override
    public CompletableFuture<Long> open(long ino, OpenFlags flags) {
        return op("open " + ino, () -> {
            Inode i = ns.get(ino);
            return ns.revalidate(i).thenCompose(x -> openInode(i, flags));
        });
    }

    private CompletableFuture<Long> openInode(Inode i, OpenFlags flags) {
        if (i.isDirectory()) {
            throw fail(FsError.EISDIR, i + " is a directory");
        }
        if (i.type() != InodeAttr.S_IFREG) {
            throw fail(i.isSymlinkType() ? FsError.ELOOP : FsError.EINVAL, i + " is not a regular file");
        }
        OpenFile of = writes.acquire(i);
        long h = newFileHandle(i, of, flags);
        if (flags.truncate() && flags.write()) {
            return writes.ensureStaged(of, false).thenApplyAsync(v -> {
                synchronized (of) {
                    of.setStagingLength(0);
                    of.size = 0;
                    of.touchData();
                    // open(2): O_TRUNC of an existing file marks mtime and ctime for update.
                    long now = ns.wallNanos();
                    i.attrs = i.attrs.withPosix(i.attrs.posix().withTimes(i.attrs.posix().atimeNanos(), now).withCtime(now));
                }
                return h;
            }, exec).whenComplete((v, err) -> {
                if (err != null) {
                    files.remove(h);
                    writes.releaseRef(of, false);
                }
            });
        }
        return CompletableFuture.completedFuture(h);
    }

    @Override
    public CompletableFuture<ByteBuffer> read(long ino, long handle, long offset, int size) {
        return op("read " + handle, () -> reads.read(fileHandle(handle), offset, size));
    }

    @Override
    public CompletableFuture<Integer> write(long ino, long handle, long offset, ByteBuffer data) {
        return op("write " + handle, () -> {
            FileHandle h = fileHandle(handle);
            if (!h.flags().write()) {
                throw fail(FsError.EBADF, "handle " + handle + " is not open for writing");
            }
            return writes.write(h, offset, data);
        });
    }

    @Override
    public CompletableFuture<Void> flush(long ino, long handle) {
        return op("flush " + handle, () -> writes.sync(fileHandle(handle).file()));
    }

    @Override
    public CompletableFuture<Void> fsync(long ino, long handle, boolean dataOnly) {
        return op("fsync " + handle, () -> writes.sync(fileHandle(handle).file()));
    }

    @Override
    public CompletableFuture<Void> release(long ino, long handle) {
        return op("release " + handle, () -> {
            FileHandle h = files.remove(handle);
            if (h == null) {
                throw fail(FsError.EBADF, "no open file handle " + handle);
            }
            reads.release(handle);
            return writes.releaseRef(h.file(), true);
        });
    }

    // ---------------------------------------------------------------- directories

    @Override
    public CompletableFuture<Long> opendir(long ino) {
        return op("opendir " + ino, () -> {
            Inode i = ns.get(ino);
            if (!i.isDirectory()) {
                throw fail(FsError.ENOTDIR, i + " is not a directory");
            }
            long h = nextHandle.getAndIncrement();
            dirs.put(h, new DirHandle(i));
            return CompletableFuture.completedFuture(h);
        });
    }

    @Override
    public CompletableFuture<List<DirEntry>> readdir(long ino, long handle, long offset, int max) {
        return op("readdir " + handle, () -> {
            if (offset < 0 || max < 1) {
                throw fail(FsError.EINVAL, "readdir offset " + offset + " max " + max);
            }
            return fill(dirHandle(handle), offset, max);
        });
    }

    private CompletableFuture<List<DirEntry>> fill(DirHandle h, long offset, int max) {
        synchronized (h) {
            if (h.done || offset + max <= h.entries.size()) {
                int from = (int) Math.min(offset, h.entries.size());
                int to = (int) Math.min(offset + max, h.entries.size());
                return CompletableFuture.completedFuture(List.copyOf(h.entries.subList(from, to)));
            }
            h.started = true;
        }
        return ns.listPage(h.dir, h.token).thenComposeAsync(page -> {
            synchronized (h) {
                ns.absorb(h.dir, page, h.entries, h.seen);
                h.token = page.nextToken();
                if (h.token == null) {
                    ns.finishListing(h.dir, h.entries, h.seen, h.evictionsAtStart);
                    h.done = true;
                }
            }
            return fill(h, offset, max);
        }, exec);
    }

    @Override
    public CompletableFuture<Void> releasedir(long ino, long handle) {
        return op("releasedir " + handle, () -> {
            if (dirs.remove(handle) == null) {
                throw fail(FsError.EBADF, "no open directory handle " + handle);
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    // ---------------------------------------------------------------- xattrs

    @Override
    public CompletableFuture<byte[]> getxattr(long ino, String name) {
        return op("getxattr " + name, () -> ns.complete(ns.get(ino)).thenApply(i -> {
            byte[] v = i.attrs.posix().xattrs().get(name);
            if (v == null) {
                throw fail(FsError.ENODATA, i + " has no attribute " + name);
            }
            return v.clone();
        }));
    }

    @Override
    public CompletableFuture<Void> setxattr(long ino, String name, byte[] value, XattrMode mode) {
        return op("setxattr " + name, () -> {
            checkXattrName(name);
            return ns.complete(ns.get(ino)).thenCompose(i -> {
                Map<String, byte[]> x = new HashMap<>(i.attrs.posix().xattrs());
                boolean had = x.containsKey(name);
                if (mode == XattrMode.CREATE_ONLY && had) {
                    throw fail(FsError.EEXIST, i + " already has attribute " + name);
                }
                if (mode == XattrMode.REPLACE_ONLY && !had) {
                    throw fail(FsError.ENODATA, i + " has no attribute " + name);
                }
                x.put(name, value.clone());
                return updateMeta(i, i.attrs.posix().withXattrs(x).withCtime(ns.wallNanos()));
            });
        });
    }

    @Override
    public CompletableFuture<List<String>> listxattr(long ino) {
        return op("listxattr " + ino, () -> ns.complete(ns.get(ino))
                .thenApply(i -> i.attrs.posix().xattrs().keySet().stream().sorted().toList()));
    }

    @Override
    public CompletableFuture<Void> removexattr(long ino, String name) {
        return op("removexattr " + name, () -> ns.complete(ns.get(ino)).thenCompose(i -> {
            Map<String, byte[]> x = new HashMap<>(i.attrs.posix().xattrs());
            if (x.remove(name) == null) {
                throw fail(FsError.ENODATA, i + " has no attribute " + name);
            }
            return updateMeta(i, i.attrs.posix().withXattrs(x).withCtime(ns.wallNanos()));
        }));
    }

    private static void checkXattrName(String name) {
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw fail(FsError.ERANGE, "bad extended attribute name");
        }
        if (name.startsWith("system.")) {
            // POSIX ACLs and other system attributes have nowhere to live in s3fs's format.
            throw fail(FsError.ENOTSUP, "system attributes (" + name + ") are not supported");
        }
    }

    // ---------------------------------------------------------------- the rest

    @Override
    public CompletableFuture<StatFs> statfs() {
        // S3 has no capacity: report 1 PiB free in 4 KiB blocks and plenty of inodes, as s3fs-fuse does.
        long blocks = (1L << 50) / 4096;
        return CompletableFuture.completedFuture(new StatFs(4096, blocks, blocks, blocks, 1L << 32, 1L << 32, 255));
    }

    /** How many inodes the table holds (for status and tests). */
    int inodeCount() {
        return ns.size();
    }

    @Override
    public Map<String, Long> status() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        long dirtyFiles = 0;
        long dirtyBytes = 0;
        java.util.Set<OpenFile> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (FileHandle h : files.values()) {
            OpenFile of = h.file();
            if (seen.add(of)) {
                synchronized (of) {
                    if (of.dataDirty || of.metaDirty) {
                        dirtyFiles++;
                        dirtyBytes += of.dataDirty ? of.size : 0;
                    }
                }
            }
        }
        out.put("engine.inodes", (long) ns.size());
        out.put("engine.open_handles", (long) files.size());
        out.put("engine.open_files", (long) seen.size());
        out.put("engine.open_dirs", (long) dirs.size());
        out.put("engine.dirty_files", dirtyFiles);
        out.put("engine.dirty_bytes", dirtyBytes);
        out.put("engine.syncs_in_flight", writes.syncsInFlight.get());
        out.put("engine.sync_failures", writes.syncFailures.get());
        out.put("engine.queue_depth", (long) ((ThreadPoolExecutor) exec).getQueue().size());
        out.putAll(metered.snapshot());
        out.putAll(reads.status());
        return out;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        // Every file with local changes, open or not (a change can outlive its last handle).
        for (OpenFile of : ns.openFiles()) {
            pending.add(writes.sync(of));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            LOG.error("close: uploads still pending after 10 minutes; giving up on {} files", pending.size());
        } catch (Exception e) {
            LOG.error("close: an upload failed: {}", e.toString());
        }
        closed = true;
        reads.close();
        exec.shutdown();
        if (ownsStore) {
            store.close();
        }
    }

    void closeStoreOnClose() {
        this.ownsStore = true;
    }
}
