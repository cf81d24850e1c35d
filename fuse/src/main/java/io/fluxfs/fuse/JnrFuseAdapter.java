package io.fluxfs.fuse;

import io.fluxfs.engine.fs.Caller;
import io.fluxfs.engine.fs.DirEntry;
import io.fluxfs.engine.fs.FileSystem.XattrMode;
import io.fluxfs.engine.fs.FsException;
import io.fluxfs.engine.fs.InodeAttr;
import io.fluxfs.engine.fs.OpenFlags;
import io.fluxfs.engine.fs.PathFileSystem;
import io.fluxfs.engine.fs.SetAttr;
import io.fluxfs.engine.fs.StatFs;
import jnr.ffi.Pointer;
import ru.serce.jnrfuse.ErrorCodes;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseContext;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;
import ru.serce.jnrfuse.struct.Timespec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * libfuse's high-level (path based) callbacks over {@link PathFileSystem}. It exists so that the
 * engine never knows about FUSE and can be tested without it.
 *
 * <p>Every callback does the same three steps on the libfuse worker thread that called it: decode
 * the arguments, make ONE call into {@link PathFileSystem}, wait for its future with a timeout, then
 * encode the reply or map the error through {@link Errno}. Nothing else blocks and no state is kept
 * here besides counters.
 *
 * <h2>Timeouts</h2>
 * Ordinary calls wait {@code opTimeout} (default 120 s) and then answer {@code -ETIMEDOUT}.
 * {@code fsync} and {@code release} wait {@code syncTimeout} (default 30 min), since they may wait
 * for a whole upload. A timed-out future is never cancelled: the engine finishes (or fails) the call
 * on its own and the outcome is logged when it arrives. No data is lost silently:
 * <ul>
 *   <li>write: the write is synchronous for the caller (no kernel write-back cache), so the
 *       application's {@code write(2)} returns ETIMEDOUT and knows the range is in doubt; the buffer
 *       handed to the engine is a private heap copy, valid however late the engine reads it;</li>
 *   <li>flush / fsync: the error reaches {@code close(2)} / {@code fsync(2)};</li>
 *   <li>release: the kernel ignores its reply, so a timeout there is logged as an error and
 *       counted ({@code timeouts.release}); the engine's journal still owns the data.</li>
 * </ul>
 *
 * <h2>What the kernel does for us</h2>
 * Permission checks: the mount uses {@code default_permissions}, so {@code access} is not
 * implemented. Locks: {@code lock} and {@code flock} are not registered, so libfuse does not
 * advertise POSIX or BSD lock support and the kernel keeps both kinds of locks locally, per mount
 * (correct between processes on this machine; not visible to other clients of the bucket).
 */
public class JnrFuseAdapter extends FuseStubFS {

    private static final Logger LOG = LoggerFactory.getLogger(JnrFuseAdapter.class);

    /** {@code timespec.tv_nsec} markers of utimensat(2). */
    static final long UTIME_NOW = (1L << 30) - 1;
    static final long UTIME_OMIT = (1L << 30) - 2;

    static final int XATTR_CREATE = 1;
    static final int XATTR_REPLACE = 2;

    /** Preferred I/O size reported in {@code st_blksize}: one FUSE request. */
    static final int BLKSIZE = 128 * 1024;
    static final int READDIR_PAGE = 1000;

    private final PathFileSystem fs;
    private final long opTimeoutNanos;
    private final long syncTimeoutNanos;
    private final OpCounters counters = new OpCounters();
    private final Supplier<Caller> callers;
    private final ThreadLocal<Boolean> seenThread = new ThreadLocal<>();
    private volatile Runnable onDestroy = () -> { };

    public JnrFuseAdapter(PathFileSystem fs, Duration opTimeout, Duration syncTimeout) {
        this(fs, opTimeout, syncTimeout, null);
    }

    /** @param callers who is calling; {@code null} reads libfuse's request context. */
    JnrFuseAdapter(PathFileSystem fs, Duration opTimeout, Duration syncTimeout, Supplier<Caller> callers) {
        this.fs = fs;
        this.opTimeoutNanos = opTimeout.toNanos();
        this.syncTimeoutNanos = syncTimeout.toNanos();
        this.callers = callers != null ? callers : this::contextCaller;
        setUtimeOmitOk();
    }

    /**
     * Sets {@code fuse_operations.flag_utime_omit_ok}. Without it libfuse2 drops a setattr that
     * changes only one of atime/mtime ({@code touch -m}, rsync's directory times): it calls
     * utimens only when both are given. jnr-fuse models the C bitfield word as four one-byte
     * paddings; the flag is bit 2 of that word.
     */
    private void setUtimeOmitOk() {
        long offset = flagsOffset();
        jnr.ffi.Pointer mem = jnr.ffi.Struct.getMemory(fuseOperations);
        boolean little = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        long at = little ? offset : offset + 3;
        byte bit = (byte) (little ? 1 << 2 : 1 << 5);
        mem.putByte(at, (byte) (mem.getByte(at) | bit));
    }

    public OpCounters counters() {
        return counters;
    }

    /** Runs when libfuse calls {@code destroy}: the filesystem was unmounted. */
    public void onDestroy(Runnable r) {
        this.onDestroy = r;
    }

    /** Offset of the flags word: right after libfuse2's 38 function pointers (getattr .. bmap). */
    private long flagsOffset() {
        try {
            Object member = fuseOperations.getClass().getField("flag_nullpath_ok").get(fuseOperations);
            java.lang.reflect.Method m = member.getClass().getMethod("offset");
            m.setAccessible(true);
            return (Long) m.invoke(member);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 38L * jnr.ffi.Runtime.getSystemRuntime().addressSize();
        }
    }

    // ---------------------------------------------------------------- attributes

    @Override
    public int getattr(String path, FileStat stat) {
        return call("getattr", path, () -> fs.getattr(path), a -> fillStat(stat, a));
    }

    @Override
    public int fgetattr(String path, FileStat stat, FuseFileInfo fi) {
        // libfuse2 gives the path of the open file (or its .fuse_hidden name after unlink).
        return call("fgetattr", path, () -> fs.getattr(path), a -> fillStat(stat, a));
    }

    @Override
    public int chmod(String path, long mode) {
        Caller c = caller();
        return call("chmod", path, () -> fs.setattr(path, SetAttr.chmod((int) mode & 07777), NO_HANDLE, c), a -> 0);
    }

    @Override
    public int chown(String path, long uid, long gid) {
        Caller c = caller();
        SetAttr change = SetAttr.chown(idOrNull(uid), idOrNull(gid));
        return call("chown", path, () -> fs.setattr(path, change, NO_HANDLE, c), a -> 0);
    }

    @Override
    public int truncate(String path, long size) {
        if (size < 0) {
            return -ErrorCodes.EINVAL();
        }
        Caller c = caller();
        return call("truncate", path, () -> fs.setattr(path, SetAttr.truncate(size), NO_HANDLE, c), a -> 0);
    }

    @Override
    public int ftruncate(String path, long size, FuseFileInfo fi) {
        if (size < 0) {
            return -ErrorCodes.EINVAL();
        }
        Caller c = caller();
        long fh = fi.fh.get();
        return call("ftruncate", path, () -> fs.setattr(path, SetAttr.truncate(size), fh, c), a -> 0);
    }

    @Override
    public int utimens(String path, Timespec[] timespec) {
        Long atime = timeOf(timespec[0]);
        Long mtime = timeOf(timespec[1]);
        if (atime == null && mtime == null) {
            return 0; // both UTIME_OMIT: nothing to do, no call
        }
        Caller c = caller();
        return call("utimens", path, () -> fs.setattr(path, SetAttr.times(atime, mtime), NO_HANDLE, c), a -> 0);
    }

    // ---------------------------------------------------------------- namespace

    @Override
    public int readlink(String path, Pointer buf, long size) {
        return call("readlink", path, () -> fs.readlink(path), target -> {
            // readlink(2) semantics of libfuse: NUL-terminated, truncated to fit.
            byte[] b = target.getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.min(b.length, Math.max(0, size - 1));
            buf.put(0, b, 0, n);
            buf.putByte(n, (byte) 0);
            return 0;
        });
    }

    @Override
    public int mknod(String path, long mode, long rdev) {
        Caller c = caller();
        return call("mknod", path, () -> fs.mknod(path, (int) mode, c), e -> 0);
    }

    @Override
    public int mkdir(String path, long mode) {
        Caller c = caller();
        // The kernel has applied the caller's umask already (libfuse2 does not ask for DONT_MASK).
        return call("mkdir", path, () -> fs.mkdir(path, (int) mode & 07777, c), e -> 0);
    }

    @Override
    public int unlink(String path) {
        return call("unlink", path, () -> fs.unlink(path), v -> 0);
    }

    @Override
    public int rmdir(String path) {
        return call("rmdir", path, () -> fs.rmdir(path), v -> 0);
    }

    @Override
    public int symlink(String target, String linkPath) {
        Caller c = caller();
        return call("symlink", linkPath, () -> fs.symlink(target, linkPath, c), e -> 0);
    }

    @Override
    public int rename(String from, String to) {
        // libfuse2's rename has no flags: always replace (RENAME_NOREPLACE never reaches us).
        return call("rename", from + " -> " + to, () -> fs.rename(from, to, false), v -> 0);
    }

    @Override
    public int link(String existing, String newPath) {
        return call("link", existing + " -> " + newPath, () -> fs.link(existing, newPath), e -> 0);
    }

    // ---------------------------------------------------------------- files

    @Override
    public int create(String path, long mode, FuseFileInfo fi) {
        Caller c = caller();
        OpenFlags flags = OpenFlags.fromPosix(fi.flags.get());
        return call("create", path, () -> fs.create(path, (int) mode, flags, c), created -> {
            fi.fh.set(created.handle());
            return 0;
        });
    }

    @Override
    public int open(String path, FuseFileInfo fi) {
        OpenFlags flags = OpenFlags.fromPosix(fi.flags.get());
        return call("open", path, () -> fs.open(path, flags), h -> {
            fi.fh.set(h);
            return 0;
        });
    }

    @Override
    public int read(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        long fh = fi.fh.get();
        int want = (int) Math.min(size, Integer.MAX_VALUE);
        return call("read", path, () -> fs.read(path, fh, offset, want), data -> copyOut(data, buf, want));
    }

    @Override
    public int write(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        long fh = fi.fh.get();
        ByteBuffer data = WriteCopy.copy(buf, (int) size);
        return call("write", path, () -> fs.write(path, fh, offset, data), n -> n);
    }

    @Override
    public int flush(String path, FuseFileInfo fi) {
        long fh = fi.fh.get();
        return call("flush", path, () -> fs.flush(path, fh), v -> 0);
    }

    @Override
    public int fsync(String path, int isdatasync, FuseFileInfo fi) {
        long fh = fi.fh.get();
        return call("fsync", path, syncTimeoutNanos, () -> fs.fsync(path, fh, isdatasync != 0), v -> 0);
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        long fh = fi.fh.get();
        return call("release", path, syncTimeoutNanos, () -> fs.release(path, fh), v -> 0);
    }

    // ---------------------------------------------------------------- directories

    @Override
    public int opendir(String path, FuseFileInfo fi) {
        return call("opendir", path, () -> fs.opendir(path), h -> {
            fi.fh.set(h);
            return 0;
        });
    }

    /**
     * Pages through the engine's listing and hands every entry to libfuse with offset 0: libfuse2
     * then buffers the whole directory itself and serves the kernel's readdir offsets from that
     * buffer, so one opendir lists the directory once. Each page is one engine call.
     */
    @Override
    public int readdir(String path, Pointer buf, FuseFillDir filler, long offset, FuseFileInfo fi) {
        long fh = fi.fh.get();
        FileStat st = new FileStat(jnr.ffi.Runtime.getSystemRuntime());
        long pos = offset;
        while (true) {
            long from = pos;
            int[] last = new int[1];
            long[] next = {from};
            int rc = call("readdir", path, () -> fs.readdir(path, fh, from, READDIR_PAGE), page -> {
                for (DirEntry e : page) {
                    st.st_mode.set(e.type());
                    st.st_ino.set(e.ino());
                    if (filler.apply(buf, e.name(), st, 0) != 0) {
                        last[0] = -1; // libfuse could not grow its buffer (ENOMEM)
                        return -ErrorCodes.ENOMEM();
                    }
                    next[0] = e.offset();
                }
                last[0] = page.size();
                return 0;
            });
            if (rc != 0 || last[0] <= 0) {
                return rc;
            }
            pos = next[0];
        }
    }

    @Override
    public int releasedir(String path, FuseFileInfo fi) {
        long fh = fi.fh.get();
        return call("releasedir", path, () -> fs.releasedir(path, fh), v -> 0);
    }

    @Override
    public int statfs(String path, Statvfs stbuf) {
        return call("statfs", path, fs::statfs, s -> fillStatfs(stbuf, s));
    }

    // ---------------------------------------------------------------- xattrs

    @Override
    public int setxattr(String path, String name, Pointer value, long size, int flags) {
        XattrMode mode;
        if ((flags & XATTR_CREATE) != 0 && (flags & XATTR_REPLACE) != 0) {
            return -ErrorCodes.EINVAL();
        } else if ((flags & XATTR_CREATE) != 0) {
            mode = XattrMode.CREATE_ONLY;
        } else if ((flags & XATTR_REPLACE) != 0) {
            mode = XattrMode.REPLACE_ONLY;
        } else {
            mode = XattrMode.UPSERT;
        }
        byte[] bytes = new byte[(int) size];
        if (size > 0) {
            value.get(0, bytes, 0, bytes.length);
        }
        return call("setxattr", path, () -> fs.setxattr(path, name, bytes, mode), v -> 0);
    }

    @Override
    public int getxattr(String path, String name, Pointer value, long size) {
        return call("getxattr", path, () -> fs.getxattr(path, name), bytes -> sizedReply(bytes, value, size));
    }

    @Override
    public int listxattr(String path, Pointer list, long size) {
        return call("listxattr", path, () -> fs.listxattr(path), names -> sizedReply(nulSeparated(names), list, size));
    }

    @Override
    public int removexattr(String path, String name) {
        return call("removexattr", path, () -> fs.removexattr(path, name), v -> 0);
    }

    // ---------------------------------------------------------------- lifecycle and the rest

    private final CompletableFuture<Void> initialized = new CompletableFuture<>();

    /** Completes when the kernel's INIT request arrived: the mount is live. */
    CompletableFuture<Void> initialized() {
        return initialized;
    }

    @Override
    public Pointer init(Pointer conn) {
        initialized.complete(null);
        return null;
    }

    /**
     * Runs libfuse's main loop on the calling thread until the filesystem is unmounted; returns its
     * exit code. jnr-fuse's own {@code mount()} is not used: it names argv[0] at random, guesses
     * success after 2 s and adds a shutdown hook that unmounts before the engine has flushed.
     */
    int fuseMain(String[] argv) {
        return libFuse.fuse_main_real(argv.length, argv, fuseOperations, jnr.ffi.Struct.size(fuseOperations), null);
    }

    @Override
    public void destroy(Pointer initResult) {
        counters.call("destroy");
        onDestroy.run();
    }

    /** Directory fsync: nothing to do beyond what rename/create already made durable; counted. */
    @Override
    public int fsyncdir(String path, FuseFileInfo fi) {
        return notImplemented("fsyncdir");
    }

    @Override
    public int fallocate(String path, int mode, long off, long length, FuseFileInfo fi) {
        return notImplemented("fallocate");
    }

    @Override
    public int ioctl(String path, int cmd, Pointer arg, FuseFileInfo fi, long flags, Pointer data) {
        return notImplemented("ioctl");
    }

    private int notImplemented(String op) {
        countThread();
        counters.enosys(op);
        return -Errno.enosys();
    }

    // ---------------------------------------------------------------- the one call, waited for

    private static final long NO_HANDLE = io.fluxfs.engine.fs.FileSystem.NO_HANDLE;

    /** Encodes a successful result into the reply value (0, a count, or a negative errno). */
    @FunctionalInterface
    interface Reply<T> {
        int encode(T value);
    }

    private <T> int call(String op, String path, Supplier<CompletableFuture<T>> call, Reply<T> reply) {
        return call(op, path, opTimeoutNanos, call, reply);
    }

    private <T> int call(String op, String path, long timeoutNanos, Supplier<CompletableFuture<T>> call,
                         Reply<T> reply) {
        countThread();
        counters.call(op);
        CompletableFuture<T> future;
        try {
            future = call.get();
        } catch (Throwable t) {
            return failed(op, path, t);
        }
        T value;
        try {
            value = future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return timedOut(op, path, timeoutNanos, future);
        } catch (ExecutionException e) {
            return failed(op, path, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            counters.error(op, "EINTR");
            return -ErrorCodes.EINTR();
        } catch (Throwable t) {
            return failed(op, path, t);
        }
        try {
            return reply.encode(value);
        } catch (Throwable t) {
            return failed(op, path, t);
        }
    }

    private int timedOut(String op, String path, long timeoutNanos, CompletableFuture<?> future) {
        counters.timeout(op);
        LOG.error("{} {}: no answer from the engine after {} s; answering ETIMEDOUT, the call keeps running",
                op, path, TimeUnit.NANOSECONDS.toSeconds(timeoutNanos));
        future.whenComplete((v, t) -> {
            if (t == null) {
                LOG.warn("{} {}: finished after its timeout", op, path);
            } else {
                LOG.error("{} {}: failed after its timeout: {}", op, path, t.toString());
            }
        });
        return -ErrorCodes.ETIMEDOUT();
    }

    private int failed(String op, String path, Throwable t) {
        FsException fe = FsException.unwrap(t);
        if (fe != null) {
            counters.error(op, fe.error().name());
            switch (fe.error()) {
                // Expected answers of a working filesystem: not worth a log line above debug.
                case ENOENT, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY, EACCES, EPERM, ENODATA, ERANGE,
                     ENAMETOOLONG, EINVAL, EROFS, EXDEV, ELOOP, ENOTSUP, ENOSYS, E2BIG, EFBIG, EBADF ->
                        LOG.debug("{} {}: {}", op, path, fe.getMessage());
                // Trouble with the store or the machine: logged once, here.
                case EIO, ESTALE, ENOSPC, ETIMEDOUT, EAGAIN ->
                        LOG.warn("{} {}: {}", op, path, fe.getMessage(), fe.getCause());
            }
            return -Errno.of(fe.error());
        }
        counters.unexpected(op);
        counters.error(op, "EIO");
        LOG.error("{} {}: unexpected failure, answering EIO", op, path, t);
        return -ErrorCodes.EIO();
    }

    /** Counts the Java thread objects jnr-ffi makes for libfuse's native threads (see package doc). */
    private void countThread() {
        if (seenThread.get() == null) {
            seenThread.set(Boolean.TRUE);
            counters.increment("threads.attached");
        }
    }

    // ---------------------------------------------------------------- encoders

    private Caller caller() {
        return callers.get();
    }

    private Caller contextCaller() {
        FuseContext ctx = getContext();
        return new Caller((int) ctx.uid.get(), (int) ctx.gid.get(), (int) ctx.umask.get());
    }

    static Integer idOrNull(long id) {
        // chown(2) passes (uid_t)-1 for "unchanged"; it arrives as -1 or as 0xFFFFFFFF.
        return (id == -1 || id == 0xFFFF_FFFFL) ? null : (int) id;
    }

    static Long timeOf(Timespec ts) {
        long nsec = ts.tv_nsec.longValue();
        if (nsec == UTIME_OMIT) {
            return null;
        }
        if (nsec == UTIME_NOW) {
            return SetAttr.NOW;
        }
        return Math.addExact(Math.multiplyExact(ts.tv_sec.get(), 1_000_000_000L), nsec);
    }

    static int fillStat(FileStat st, InodeAttr a) {
        st.st_ino.set(a.ino());
        st.st_mode.set(a.mode());
        st.st_nlink.set(a.nlink());
        st.st_uid.set(a.uid());
        st.st_gid.set(a.gid());
        st.st_size.set(a.size());
        st.st_blksize.set(BLKSIZE);
        st.st_blocks.set(a.blocks());
        setTime(st.st_atim, a.atimeNanos());
        setTime(st.st_mtim, a.mtimeNanos());
        setTime(st.st_ctim, a.ctimeNanos());
        return 0;
    }

    private static void setTime(Timespec ts, long nanos) {
        ts.tv_sec.set(Math.floorDiv(nanos, 1_000_000_000L));
        ts.tv_nsec.set(Math.floorMod(nanos, 1_000_000_000L));
    }

    static int fillStatfs(Statvfs s, StatFs f) {
        s.f_bsize.set(f.blockSize());
        s.f_frsize.set(f.blockSize());
        s.f_blocks.set(f.blocks());
        s.f_bfree.set(f.blocksFree());
        s.f_bavail.set(f.blocksAvailable());
        s.f_files.set(f.files());
        s.f_ffree.set(f.filesFree());
        s.f_favail.set(f.filesFree());
        s.f_namemax.set(f.nameMax());
        return 0;
    }

    /** Copies a read result into libfuse's buffer; returns the byte count. */
    static int copyOut(ByteBuffer data, Pointer buf, int max) {
        int n = Math.min(data.remaining(), max);
        if (n == 0) {
            return 0;
        }
        if (data.hasArray()) {
            buf.put(0, data.array(), data.arrayOffset() + data.position(), n);
        } else {
            ByteBuffer src = data.slice();
            src.limit(n);
            buf.transferFrom(0, Pointer.wrap(jnr.ffi.Runtime.getSystemRuntime(), src), 0, n);
        }
        return n;
    }

    /** getxattr/listxattr size rules: size 0 asks for the length; too small a buffer is ERANGE. */
    static int sizedReply(byte[] bytes, Pointer dst, long size) {
        if (size == 0) {
            return bytes.length;
        }
        if (size < bytes.length) {
            return -ErrorCodes.ERANGE();
        }
        if (bytes.length > 0) {
            dst.put(0, bytes, 0, bytes.length);
        }
        return bytes.length;
    }

    static byte[] nulSeparated(List<String> names) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String n : names) {
            byte[] b = n.getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            out.write(0);
        }
        return out.toByteArray();
    }
}
