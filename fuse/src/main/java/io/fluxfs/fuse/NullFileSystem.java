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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A filesystem that does nothing, to measure what FUSE and the adapter cost: a root directory with
 * one file, {@code zero}, of {@link #SIZE} bytes. Reads return zeros from one shared buffer, writes
 * are counted and dropped, and everything else is refused with EROFS. Every future is already
 * complete when returned, so a benchmark through a mount of it measures the kernel, libfuse,
 * jnr-ffi and the adapter, nothing else.
 */
public final class NullFileSystem implements FileSystem {

    public static final long SIZE = 1L << 40;
    public static final String FILE = "zero";
    private static final long FILE_INO = 2;
    private static final ByteBuffer ZEROS = ByteBuffer.allocate(1 << 20).asReadOnlyBuffer();

    private final AtomicLong handles = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final long start = System.currentTimeMillis() * 1_000_000L;

    /** Bytes written (and dropped) so far. */
    public long written() {
        return written.get();
    }

    private InodeAttr attr(long ino) {
        return ino == ROOT
                ? new InodeAttr(ROOT, InodeAttr.S_IFDIR | 0777, 2, 0, 0, 0, start, start, start)
                : new InodeAttr(FILE_INO, InodeAttr.S_IFREG | 0666, 1, 0, 0, SIZE, start, start, start);
    }

    private static <T> CompletableFuture<T> refuse(FsError e) {
        return CompletableFuture.failedFuture(new FsException(e, "the null filesystem"));
    }

    private static <T> CompletableFuture<T> done(T v) {
        return CompletableFuture.completedFuture(v);
    }

    @Override
    public CompletableFuture<Entry> lookup(long parent, String name) {
        if (parent == ROOT && name.equals(FILE)) {
            return done(new Entry(FILE_INO, attr(FILE_INO), Long.MAX_VALUE, Long.MAX_VALUE));
        }
        return refuse(parent == ROOT ? FsError.ENOENT : FsError.ENOTDIR);
    }

    @Override
    public void forget(long ino, long nlookup) {
    }

    @Override
    public CompletableFuture<InodeAttr> getattr(long ino) {
        return ino == ROOT || ino == FILE_INO ? done(attr(ino)) : refuse(FsError.ENOENT);
    }

    @Override
    public CompletableFuture<InodeAttr> setattr(long ino, SetAttr change, long handle, Caller caller) {
        // Accept truncate/times so that "dd of=zero" (O_TRUNC) works; nothing changes.
        return getattr(ino);
    }

    @Override
    public CompletableFuture<Entry> mkdir(long parent, String name, int mode, Caller caller) {
        return refuse(FsError.EROFS);
    }

    @Override
    public CompletableFuture<Void> rmdir(long parent, String name) {
        return refuse(FsError.EROFS);
    }

    @Override
    public CompletableFuture<Created> create(long parent, String name, int mode, OpenFlags flags, Caller caller) {
        return refuse(FsError.EROFS);
    }

    @Override
    public CompletableFuture<Entry> mknod(long parent, String name, int mode, Caller caller) {
        return refuse(FsError.EROFS);
    }

    @Override
    public CompletableFuture<Entry> symlink(long parent, String name, String target, Caller caller) {
        return refuse(FsError.EROFS);
    }

    @Override
    public CompletableFuture<String> readlink(long ino) {
        return refuse(FsError.EINVAL);
    }

    @Override
    public CompletableFuture<Entry> link(long ino, long newParent, String newName) {
        return refuse(FsError.EROFS);
    }

    @Override
    public CompletableFuture<Void> unlink(long parent, String name) {
        return refuse(FsError.EROFS);
    }

    @Override
    public CompletableFuture<Void> rename(long parent, String name, long newParent, String newName, boolean noReplace) {
        return refuse(FsError.EROFS);
    }

    @Override
    public CompletableFuture<Long> open(long ino, OpenFlags flags) {
        return ino == FILE_INO ? done(handles.incrementAndGet()) : refuse(FsError.EISDIR);
    }

    @Override
    public CompletableFuture<ByteBuffer> read(long ino, long handle, long offset, int size) {
        long left = Math.max(0, SIZE - offset);
        int n = (int) Math.min(Math.min(size, left), ZEROS.capacity());
        return done(ZEROS.duplicate().limit(n));
    }

    @Override
    public CompletableFuture<Integer> write(long ino, long handle, long offset, ByteBuffer data) {
        int n = data.remaining();
        written.addAndGet(n);
        return done(n);
    }

    @Override
    public CompletableFuture<Void> flush(long ino, long handle) {
        return done(null);
    }

    @Override
    public CompletableFuture<Void> fsync(long ino, long handle, boolean dataOnly) {
        return done(null);
    }

    @Override
    public CompletableFuture<Void> release(long ino, long handle) {
        return done(null);
    }

    @Override
    public CompletableFuture<Long> opendir(long ino) {
        return ino == ROOT ? done(handles.incrementAndGet()) : refuse(FsError.ENOTDIR);
    }

    @Override
    public CompletableFuture<List<DirEntry>> readdir(long ino, long handle, long offset, int max) {
        List<DirEntry> all = List.of(
                new DirEntry(".", ROOT, InodeAttr.S_IFDIR, 1),
                new DirEntry("..", ROOT, InodeAttr.S_IFDIR, 2),
                new DirEntry(FILE, FILE_INO, InodeAttr.S_IFREG, 3));
        int from = (int) Math.min(offset, all.size());
        return done(all.subList(from, Math.min(all.size(), from + max)));
    }

    @Override
    public CompletableFuture<Void> releasedir(long ino, long handle) {
        return done(null);
    }

    @Override
    public CompletableFuture<byte[]> getxattr(long ino, String name) {
        return refuse(FsError.ENODATA);
    }

    @Override
    public CompletableFuture<Void> setxattr(long ino, String name, byte[] value, XattrMode mode) {
        return refuse(FsError.EROFS);
    }

    @Override
    public CompletableFuture<List<String>> listxattr(long ino) {
        return done(List.of());
    }

    @Override
    public CompletableFuture<Void> removexattr(long ino, String name) {
        return refuse(FsError.EROFS);
    }

    @Override
    public CompletableFuture<StatFs> statfs() {
        return done(new StatFs(4096, 1L << 40, 1L << 40, 1L << 40, 1L << 30, 1L << 30, 255));
    }

    @Override
    public void close() {
    }
}
