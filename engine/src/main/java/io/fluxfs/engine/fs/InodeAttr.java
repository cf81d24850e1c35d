package io.fluxfs.engine.fs;

/**
 * A file's attributes as stat(2) shows them. Times are nanoseconds since the epoch.
 *
 * @param mode the full {@code st_mode}, file type bits included
 */
public record InodeAttr(long ino, int mode, int nlink, int uid, int gid, long size,
                        long atimeNanos, long mtimeNanos, long ctimeNanos) {

    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFIFO = 0010000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;

    public InodeAttr {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }

    public int type() {
        return mode & S_IFMT;
    }

    public int permissions() {
        return mode & 07777;
    }

    public boolean isDirectory() {
        return type() == S_IFDIR;
    }

    public boolean isRegular() {
        return type() == S_IFREG;
    }

    public boolean isSymlink() {
        return type() == S_IFLNK;
    }

    /** 512-byte blocks, as {@code st_blocks}. */
    public long blocks() {
        return (size + 511) / 512;
    }

    public InodeAttr withIno(long newIno) {
        return new InodeAttr(newIno, mode, nlink, uid, gid, size, atimeNanos, mtimeNanos, ctimeNanos);
    }
}
