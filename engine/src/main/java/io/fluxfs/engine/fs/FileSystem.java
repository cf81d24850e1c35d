package io.fluxfs.engine.fs;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's filesystem API: inode based, asynchronous, and free of FUSE.
 *
 * <p>Every method returns at once. Its future is either already complete (answered from memory, such
 * as a cache hit) or completes later on an engine thread, never on a CRT event-loop thread; it fails
 * only with {@link FsException}. Blocking happens
 * only at the caller — the FUSE adapter waits with a timeout. Inode {@link #ROOT} is the mount's root
 * directory. Inode numbers are stable for as long as the kernel holds a lookup reference (see
 * {@link #forget}).
 *
 * <p>Handles returned by {@link #open}, {@link #create} and {@link #opendir} are opaque numbers valid
 * until {@link #release} / {@link #releasedir}. Calls that take a handle find the file by the handle;
 * their {@code ino} argument may be {@link #BY_HANDLE}.
 */
public interface FileSystem extends AutoCloseable {

    long ROOT = 1;

    /** The {@code ino} to pass to handle-based calls when the caller does not know it. */
    long BY_HANDLE = 0;

    /** Finds {@code name} in directory {@code parent} and takes one lookup reference on it. */
    CompletableFuture<Entry> lookup(long parent, String name);

    /** Drops {@code nlookup} lookup references; an inode with none left may be forgotten. */
    void forget(long ino, long nlookup);

    CompletableFuture<InodeAttr> getattr(long ino);

    /**
     * Changes mode, owner, size and/or times. {@code handle} is the open file handle the change came
     * through ({@code ftruncate}, {@code fchmod}, {@code futimens}), or {@link #NO_HANDLE}.
     */
    CompletableFuture<InodeAttr> setattr(long ino, SetAttr change, long handle, Caller caller);

    /** A handle value meaning "not through an open file". */
    long NO_HANDLE = -1;

    CompletableFuture<Entry> mkdir(long parent, String name, int mode, Caller caller);

    /** Fails with {@link FsError#ENOTEMPTY} unless the directory is empty. */
    CompletableFuture<Void> rmdir(long parent, String name);

    /** Creates and opens a regular file. With {@code exclusive}, fails if the name exists. */
    CompletableFuture<Created> create(long parent, String name, int mode, OpenFlags flags, Caller caller);

    /** Creates a FIFO, socket or empty regular file; {@code mode} carries the type bits. */
    CompletableFuture<Entry> mknod(long parent, String name, int mode, Caller caller);

    CompletableFuture<Entry> symlink(long parent, String name, String target, Caller caller);

    CompletableFuture<String> readlink(long ino);

    /** Hard link; see docs/SEMANTICS.md for what fluxfs does. */
    CompletableFuture<Entry> link(long ino, long newParent, String newName);

    CompletableFuture<Void> unlink(long parent, String name);

    /** Renames a file or a directory. With {@code noReplace}, fails with EEXIST if the target exists. */
    CompletableFuture<Void> rename(long parent, String name, long newParent, String newName, boolean noReplace);

    /** Opens a regular file; completes with the handle. */
    CompletableFuture<Long> open(long ino, OpenFlags flags);

    /** Reads up to {@code size} bytes at {@code offset}; fewer only at end of file. */
    CompletableFuture<ByteBuffer> read(long ino, long handle, long offset, int size);

    /** Writes all of {@code data} (position to limit) at {@code offset}; completes with the count. */
    CompletableFuture<Integer> write(long ino, long handle, long offset, ByteBuffer data);

    /** Called on every close(2) of a descriptor of this handle. */
    CompletableFuture<Void> flush(long ino, long handle);

    /** Completes only when the file's data and metadata are in the store. */
    CompletableFuture<Void> fsync(long ino, long handle, boolean dataOnly);

    /** The last close of a handle. */
    CompletableFuture<Void> release(long ino, long handle);

    CompletableFuture<Long> opendir(long ino);

    /**
     * Entries of an open directory starting after position {@code offset} (0 = from the start,
     * including "." and ".."), at most {@code max}. An empty page means the end.
     */
    CompletableFuture<List<DirEntry>> readdir(long ino, long handle, long offset, int max);

    CompletableFuture<Void> releasedir(long ino, long handle);

    /** Fails with {@link FsError#ENODATA} if the attribute is not set. */
    CompletableFuture<byte[]> getxattr(long ino, String name);

    CompletableFuture<Void> setxattr(long ino, String name, byte[] value, XattrMode mode);

    CompletableFuture<List<String>> listxattr(long ino);

    CompletableFuture<Void> removexattr(long ino, String name);

    CompletableFuture<StatFs> statfs();

    /**
     * Counters for {@code fluxfs status} and metrics: open and dirty files, dirty bytes, uploads in
     * flight, table sizes, and the store's requests per verb with latency percentiles. Never blocks.
     */
    default java.util.Map<String, Long> status() {
        return java.util.Map.of();
    }

    /** Uploads everything pending and releases resources; the future of the last upload, joined. */
    @Override
    void close();

    /** How {@link #setxattr} treats an existing or missing attribute. */
    enum XattrMode { UPSERT, CREATE_ONLY, REPLACE_ONLY }
}
