package io.fluxfs.engine.fs;

/**
 * A setattr request: each field is {@code null} when unchanged. Times are nanoseconds since the
 * epoch, or {@link #NOW} for "the current time".
 *
 * @param mode permission bits (the type bits are ignored)
 */
public record SetAttr(Integer mode, Integer uid, Integer gid, Long size, Long atimeNanos, Long mtimeNanos) {

    public static final long NOW = Long.MIN_VALUE;
    public static final SetAttr NONE = new SetAttr(null, null, null, null, null, null);

    public SetAttr {
        if (size != null && size < 0) {
            throw new IllegalArgumentException("size " + size + " is negative");
        }
    }

    public static SetAttr chmod(int mode) {
        return new SetAttr(mode, null, null, null, null, null);
    }

    public static SetAttr chown(Integer uid, Integer gid) {
        return new SetAttr(null, uid, gid, null, null, null);
    }

    public static SetAttr truncate(long size) {
        return new SetAttr(null, null, null, size, null, null);
    }

    public static SetAttr times(Long atimeNanos, Long mtimeNanos) {
        return new SetAttr(null, null, null, null, atimeNanos, mtimeNanos);
    }

    public boolean changesMetadata() {
        return mode != null || uid != null || gid != null || atimeNanos != null || mtimeNanos != null;
    }
}
