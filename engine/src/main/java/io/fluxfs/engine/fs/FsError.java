package io.fluxfs.engine.fs;

/**
 * The filesystem's error vocabulary, named after the POSIX errno each one becomes. The engine picks
 * the error; the fuse module's one table turns it into a number.
 */
public enum FsError {
    ENOENT, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY, EACCES, EPERM, ENAMETOOLONG, EINVAL, EIO, ESTALE,
    ENOSPC, EROFS, ENODATA, ERANGE, ENOTSUP, EXDEV, EBADF, EFBIG, ETIMEDOUT, EAGAIN, ENOSYS, ELOOP,
    E2BIG
}
