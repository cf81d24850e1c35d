package io.fluxfs.testkit.model;

import io.fluxfs.engine.fs.FileSystem.XattrMode;

/**
 * One step of a model run, as data. File contents are given as (size, seed) of {@link Bytes#of}, so a
 * printed op is the whole op. Paths are absolute ({@code "/a/b"}). Times are nanoseconds since the epoch;
 * {@link #NOW} means "the current time" (UTIME_NOW).
 */
public sealed interface Op {
    long NOW = Long.MIN_VALUE;

    /** True for what another S3 client does behind the engine's back (and remounts): the TTL must pass after it. */
    default boolean outOfBand() {
        return false;
    }

    // ------------------------------------------------------------------ through the filesystem

    /** open(O_CREAT|O_WRONLY|O_TRUNC [|O_EXCL], mode) with the caller's umask, write the bytes, close. */
    record CreateWrite(String path, int size, long seed, int mode, int umask, boolean exclusive) implements Op {
    }

    /** open(O_RDWR), pwrite at offset, close. */
    record WriteAt(String path, long offset, int size, long seed) implements Op {
    }

    /** open(O_WRONLY|O_APPEND), write, close. */
    record Append(String path, int size, long seed) implements Op {
    }

    record Truncate(String path, long size) implements Op {
    }

    /** renameat2, with or without RENAME_NOREPLACE. */
    record Rename(String from, String to, boolean noReplace) implements Op {
    }

    record Unlink(String path) implements Op {
    }

    record Mkdir(String path, int mode, int umask) implements Op {
    }

    record Rmdir(String path) implements Op {
    }

    record Chmod(String path, int mode) implements Op {
    }

    /** utimensat; a null time is UTIME_OMIT, {@link #NOW} is UTIME_NOW. */
    record Utimens(String path, Long atime, Long mtime) implements Op {
    }

    record Symlink(String target, String path) implements Op {
    }

    record Readlink(String path) implements Op {
    }

    record Link(String existing, String newPath) implements Op {
    }

    record SetXattr(String path, String name, int size, long seed, XattrMode mode) implements Op {
    }

    record GetXattr(String path, String name) implements Op {
    }

    record RemoveXattr(String path, String name) implements Op {
    }

    // ------------------------------------------------------------------ around the filesystem

    /** Unmount and mount again: a new engine with empty caches on the same bucket. */
    record Remount() implements Op {
        @Override
        public boolean outOfBand() {
            return true;
        }
    }

    /** The metadata TTL passes with nothing else happening. */
    record Expire() implements Op {
        @Override
        public boolean outOfBand() {
            return true;
        }
    }

    /**
     * Another client PUTs a regular file at the path's key. With {@code mode} it writes s3fs headers (mode,
     * uid/gid 1000, the given mtime as atime, mtime and ctime); without, no headers at all.
     */
    record OtherPut(String path, int size, long seed, Integer mode, Long mtime) implements Op {
        @Override
        public boolean outOfBand() {
            return true;
        }
    }

    /** Another client DELETEs the key of a file or symlink. */
    record OtherDelete(String path) implements Op {
        @Override
        public boolean outOfBand() {
            return true;
        }
    }

    /** Another client PUTs a directory marker {@code key/}, with s3fs headers when {@code mode} is set. */
    record OtherMkdir(String path, Integer mode, Long mtime) implements Op {
        @Override
        public boolean outOfBand() {
            return true;
        }
    }

    /** Another client DELETEs the marker {@code key/} of a directory (its children stay). */
    record OtherRemoveMarker(String path) implements Op {
        @Override
        public boolean outOfBand() {
            return true;
        }
    }
}
