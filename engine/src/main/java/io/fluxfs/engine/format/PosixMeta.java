package io.fluxfs.engine.format;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * POSIX metadata of one object as fluxfs keeps it: what the {@code x-amz-meta-*} headers carry.
 *
 * <p>Values are taken as given and not copied: the xattr map is copied once into an immutable map
 * (a map that already is one is reused, so the {@code with…} methods allocate no new map), but the
 * {@code byte[]} values are shared — neither the caller nor a reader may change them. {@link #equals}
 * and {@link #hashCode} compare xattr values by content.
 *
 * @param mode       the full {@code st_mode}, file type bits included; only the low 16 bits may be set
 * @param uid        owner; ids above {@link Integer#MAX_VALUE} are kept as the same 32 bits
 * @param gid        group, as uid
 * @param atimeNanos access time, nanoseconds since the epoch
 * @param mtimeNanos modification time, nanoseconds since the epoch
 * @param ctimeNanos change time, nanoseconds since the epoch
 * @param xattrs     extended attributes, name to value; null is read as empty
 */
public record PosixMeta(int mode, int uid, int gid, long atimeNanos, long mtimeNanos, long ctimeNanos,
                        Map<String, byte[]> xattrs) {

    public PosixMeta {
        if ((mode & ~0177777) != 0) {
            throw new IllegalArgumentException("mode 0" + Integer.toOctalString(mode) + " has bits above 0177777");
        }
        xattrs = xattrs == null ? Map.of() : Map.copyOf(xattrs);
    }

    public PosixMeta withMode(int newMode) {
        return new PosixMeta(newMode, uid, gid, atimeNanos, mtimeNanos, ctimeNanos, xattrs);
    }

    public PosixMeta withOwner(int newUid, int newGid) {
        return new PosixMeta(mode, newUid, newGid, atimeNanos, mtimeNanos, ctimeNanos, xattrs);
    }

    public PosixMeta withTimes(long newAtimeNanos, long newMtimeNanos) {
        return new PosixMeta(mode, uid, gid, newAtimeNanos, newMtimeNanos, ctimeNanos, xattrs);
    }

    public PosixMeta withCtime(long newCtimeNanos) {
        return new PosixMeta(mode, uid, gid, atimeNanos, mtimeNanos, newCtimeNanos, xattrs);
    }

    public PosixMeta withXattrs(Map<String, byte[]> newXattrs) {
        return new PosixMeta(mode, uid, gid, atimeNanos, mtimeNanos, ctimeNanos, newXattrs);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PosixMeta other)) {
            return false;
        }
        if (mode != other.mode || uid != other.uid || gid != other.gid || atimeNanos != other.atimeNanos
                || mtimeNanos != other.mtimeNanos || ctimeNanos != other.ctimeNanos
                || xattrs.size() != other.xattrs.size()) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.xattrs.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(mode, uid, gid, atimeNanos, mtimeNanos, ctimeNanos);
        int x = 0;
        for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
            x += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
        }
        return 31 * h + x;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(96).append("PosixMeta[mode=0").append(Integer.toOctalString(mode))
                .append(", uid=").append(Integer.toUnsignedString(uid))
                .append(", gid=").append(Integer.toUnsignedString(gid))
                .append(", atime=").append(TimeCodec.encode(atimeNanos))
                .append(", mtime=").append(TimeCodec.encode(mtimeNanos))
                .append(", ctime=").append(TimeCodec.encode(ctimeNanos))
                .append(", xattrs={");
        boolean first = true;
        for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
            sb.append(first ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().length).append(" bytes");
            first = false;
        }
        return sb.append("}]").toString();
    }
}
