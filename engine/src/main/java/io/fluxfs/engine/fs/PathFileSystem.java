package io.fluxfs.engine.fs;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The path-based face of a {@link FileSystem}, for libfuse's high-level API (which jnr-fuse speaks):
 * each method takes an absolute path such as {@code /a/b}, resolves it through {@link FileSystem#lookup}
 * (answered from the engine's entry cache when it is warm) and makes the one inode call that does the
 * work. It holds no state of its own, so the FUSE adapter stays a thin decode / one call / reply layer.
 *
 * <p>Futures complete on engine threads and fail with {@link FsException} only.
 */
public final class PathFileSystem {

    private final FileSystem fs;

    public PathFileSystem(FileSystem fs) {
        this.fs = fs;
    }

    public FileSystem inodes() {
        return fs;
    }

    /** The inode of {@code path}; {@code "/"} is {@link FileSystem#ROOT}. */
    public CompletableFuture<Long> resolve(String path) {
        List<String> parts = split(path);
        CompletableFuture<Long> cur = CompletableFuture.completedFuture(FileSystem.ROOT);
        for (String part : parts) {
            cur = cur.thenCompose(ino -> fs.lookup(ino, part)).thenApply(Entry::ino);
        }
        return cur;
    }

    public CompletableFuture<InodeAttr> getattr(String path) {
        return resolve(path).thenCompose(fs::getattr);
    }

    public CompletableFuture<InodeAttr> setattr(String path, SetAttr change, long handle, Caller caller) {
        return resolve(path).thenCompose(ino -> fs.setattr(ino, change, handle, caller));
    }

    public CompletableFuture<Entry> mkdir(String path, int mode, Caller caller) {
        return inParent(path, (p, name) -> fs.mkdir(p, name, mode, caller));
    }

    public CompletableFuture<Void> rmdir(String path) {
        return inParent(path, fs::rmdir);
    }

    public CompletableFuture<Created> create(String path, int mode, OpenFlags flags, Caller caller) {
        return inParent(path, (p, name) -> fs.create(p, name, mode, flags, caller));
    }

    public CompletableFuture<Entry> mknod(String path, int mode, Caller caller) {
        return inParent(path, (p, name) -> fs.mknod(p, name, mode, caller));
    }

    public CompletableFuture<Entry> symlink(String target, String linkPath, Caller caller) {
        return inParent(linkPath, (p, name) -> fs.symlink(p, name, target, caller));
    }

    public CompletableFuture<String> readlink(String path) {
        return resolve(path).thenCompose(fs::readlink);
    }

    public CompletableFuture<Entry> link(String existing, String newPath) {
        return resolve(existing).thenCompose(ino -> inParent(newPath, (p, name) -> fs.link(ino, p, name)));
    }

    public CompletableFuture<Void> unlink(String path) {
        return inParent(path, fs::unlink);
    }

    public CompletableFuture<Void> rename(String from, String to, boolean noReplace) {
        String fromParent = parentOf(from);
        String toParent = parentOf(to);
        return resolve(fromParent).thenCompose(fp -> resolve(toParent)
                .thenCompose(tp -> fs.rename(fp, nameOf(from), tp, nameOf(to), noReplace)));
    }

    public CompletableFuture<Long> open(String path, OpenFlags flags) {
        return resolve(path).thenCompose(ino -> fs.open(ino, flags));
    }

    /**
     * Reads through an open handle. Calls on a handle never resolve the path again: the handle names
     * the file, so a renamed or unlinked open file keeps working and a 128 KiB write costs no lookup.
     */
    public CompletableFuture<ByteBuffer> read(String path, long handle, long offset, int size) {
        return fs.read(FileSystem.BY_HANDLE, handle, offset, size);
    }

    public CompletableFuture<Integer> write(String path, long handle, long offset, ByteBuffer data) {
        return fs.write(FileSystem.BY_HANDLE, handle, offset, data);
    }

    public CompletableFuture<Void> flush(String path, long handle) {
        return fs.flush(FileSystem.BY_HANDLE, handle);
    }

    public CompletableFuture<Void> fsync(String path, long handle, boolean dataOnly) {
        return fs.fsync(FileSystem.BY_HANDLE, handle, dataOnly);
    }

    public CompletableFuture<Void> release(String path, long handle) {
        return fs.release(FileSystem.BY_HANDLE, handle);
    }

    public CompletableFuture<Long> opendir(String path) {
        return resolve(path).thenCompose(fs::opendir);
    }

    public CompletableFuture<List<DirEntry>> readdir(String path, long handle, long offset, int max) {
        return fs.readdir(FileSystem.BY_HANDLE, handle, offset, max);
    }

    public CompletableFuture<Void> releasedir(String path, long handle) {
        return fs.releasedir(FileSystem.BY_HANDLE, handle);
    }

    public CompletableFuture<byte[]> getxattr(String path, String name) {
        return resolve(path).thenCompose(ino -> fs.getxattr(ino, name));
    }

    public CompletableFuture<Void> setxattr(String path, String name, byte[] value, FileSystem.XattrMode mode) {
        return resolve(path).thenCompose(ino -> fs.setxattr(ino, name, value, mode));
    }

    public CompletableFuture<List<String>> listxattr(String path) {
        return resolve(path).thenCompose(fs::listxattr);
    }

    public CompletableFuture<Void> removexattr(String path, String name) {
        return resolve(path).thenCompose(ino -> fs.removexattr(ino, name));
    }

    public CompletableFuture<StatFs> statfs() {
        return fs.statfs();
    }

    private <T> CompletableFuture<T> inParent(String path, ParentOp<T> op) {
        String name = nameOf(path);
        return resolve(parentOf(path)).thenCompose(p -> op.apply(p, name));
    }

    @FunctionalInterface
    private interface ParentOp<T> {
        CompletableFuture<T> apply(long parent, String name);
    }

    static List<String> split(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            throw new FsException(FsError.EINVAL, "not an absolute path: " + path);
        }
        List<String> out = new java.util.ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    static String parentOf(String path) {
        List<String> parts = split(path);
        if (parts.isEmpty()) {
            throw new FsException(FsError.EINVAL, "the root has no parent");
        }
        return "/" + String.join("/", parts.subList(0, parts.size() - 1));
    }

    static String nameOf(String path) {
        List<String> parts = split(path);
        if (parts.isEmpty()) {
            throw new FsException(FsError.EINVAL, "the root has no name");
        }
        return parts.get(parts.size() - 1);
    }
}
