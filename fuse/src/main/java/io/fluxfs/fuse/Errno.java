package io.fluxfs.fuse;

import io.fluxfs.engine.fs.FsError;
import ru.serce.jnrfuse.ErrorCodes;

/**
 * The one table from the engine's {@link FsError} to the errno the kernel gets. The switch has no
 * default on purpose: a new {@code FsError} constant does not compile until it has a row here.
 *
 * <p>Values come from jnr-fuse's {@link ErrorCodes}, which reads them from the native platform, so
 * the table is right on Linux and macOS alike. Callbacks return the negated value.
 */
public final class Errno {

    private Errno() {
    }

    /** The positive errno for {@code error}. */
    public static int of(FsError error) {
        return switch (error) {
            case ENOENT -> ErrorCodes.ENOENT();
            case EEXIST -> ErrorCodes.EEXIST();
            case ENOTDIR -> ErrorCodes.ENOTDIR();
            case EISDIR -> ErrorCodes.EISDIR();
            case ENOTEMPTY -> ErrorCodes.ENOTEMPTY();
            case EACCES -> ErrorCodes.EACCES();
            case EPERM -> ErrorCodes.EPERM();
            case ENAMETOOLONG -> ErrorCodes.ENAMETOOLONG();
            case EINVAL -> ErrorCodes.EINVAL();
            case EIO -> ErrorCodes.EIO();
            // Debatable: ESTALE reaches the application unchanged. The kernel retries a lookup once on
            // ESTALE and then passes it on; "Stale file handle" tells the user the object changed
            // behind the mount, which EIO would hide.
            case ESTALE -> ErrorCodes.ESTALE();
            // S3 has no capacity; the engine uses ENOSPC when the local cache / journal disk is full.
            case ENOSPC -> ErrorCodes.ENOSPC();
            case EROFS -> ErrorCodes.EROFS();
            // Linux spells "no such attribute" ENODATA; macOS has ENOATTR. getxattr callers test for
            // the platform's name, so use it.
            case ENODATA -> isMac() ? ErrorCodes.ENOATTR() : ErrorCodes.ENODATA();
            case ERANGE -> ErrorCodes.ERANGE();
            // EOPNOTSUPP, not ENOTSUP: identical on Linux; on macOS xattr and fallocate callers expect
            // EOPNOTSUPP from a filesystem.
            case ENOTSUP -> ErrorCodes.EOPNOTSUPP();
            case EXDEV -> ErrorCodes.EXDEV();
            case EBADF -> ErrorCodes.EBADF();
            case EFBIG -> ErrorCodes.EFBIG();
            case ETIMEDOUT -> ErrorCodes.ETIMEDOUT();
            case EAGAIN -> ErrorCodes.EAGAIN();
            // Debatable: the engine's ENOSYS ("this call is not supported here") is NOT passed on as
            // ENOSYS. The kernel treats ENOSYS from open, setxattr, getxattr, listxattr, removexattr,
            // fsync, flush, access ... as "the filesystem never implements this" and stops sending
            // that op for the life of the mount. One refusal must not switch an op off forever.
            case ENOSYS -> ErrorCodes.EOPNOTSUPP();
            case ELOOP -> ErrorCodes.ELOOP();
            // E2BIG is what Linux returns for an xattr value larger than the filesystem takes.
            case E2BIG -> ErrorCodes.E2BIG();
        };
    }

    /** Errno for "this callback is not implemented", which the adapter itself answers. */
    public static int enosys() {
        return ErrorCodes.ENOSYS();
    }

    private static boolean isMac() {
        return jnr.ffi.Platform.getNativePlatform().getOS() == jnr.ffi.Platform.OS.DARWIN;
    }
}
