package io.fluxfs.engine.format;

import static io.fluxfs.engine.fs.InodeAttr.S_IFDIR;
import static io.fluxfs.engine.fs.InodeAttr.S_IFMT;
import static io.fluxfs.engine.fs.InodeAttr.S_IFREG;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * POSIX metadata to and from {@code x-amz-meta-*} headers, in s3fs-fuse's format, reading the other
 * tools' conventions too. Header names here are lower case and without the {@code x-amz-meta-}
 * prefix, as {@link io.fluxfs.engine.store.ObjectMeta#userMetadata()} holds them. The package
 * description lists the reading order; every step is pure and never throws on header content.
 */
public final class S3fsMetadata {
    public static final String DIRECTORY_CONTENT_TYPE = "application/x-directory";

    public static final String MODE = "mode";
    public static final String UID = "uid";
    public static final String GID = "gid";
    public static final String MTIME = "mtime";
    public static final String CTIME = "ctime";
    public static final String ATIME = "atime";
    public static final String XATTR = "xattr";

    /** s3sync. */
    static final String S3SYNC_MODE = "permissions";
    static final String S3SYNC_UID = "owner";
    static final String S3SYNC_GID = "group";
    /** gcsfuse / goofys on GCS ("goog-reserved-…"). */
    static final String GOOG_MODE = "goog-reserved-posix-mode";
    static final String GOOG_UID = "goog-reserved-posix-uid";
    static final String GOOG_GID = "goog-reserved-posix-gid";
    static final String GOOG_MTIME = "goog-reserved-file-mtime";
    /** AWS DataSync (and S3 File Gateway, FSx for Lustre). */
    static final String DATASYNC_MODE = "file-permissions";
    static final String DATASYNC_UID = "file-owner";
    static final String DATASYNC_GID = "file-group";
    static final String DATASYNC_MTIME = "file-mtime";
    static final String DATASYNC_ATIME = "file-atime";
    static final String DATASYNC_CTIME = "file-ctime";

    /** Nextcloud's directory content type; s3fs-fuse treats it as a directory too. */
    private static final String NEXTCLOUD_DIRECTORY_CONTENT_TYPE = "httpd/unix-directory";

    private S3fsMetadata() {
    }

    /**
     * The headers fluxfs writes: mode (decimal full st_mode), uid, gid (unsigned decimal), mtime, ctime,
     * atime ({@link TimeCodec}), and xattr ({@link XattrCodec}) only when there are extended attributes.
     */
    public static Map<String, String> encode(PosixMeta meta) {
        String mode = Integer.toString(meta.mode());
        String uid = Integer.toUnsignedString(meta.uid());
        String gid = Integer.toUnsignedString(meta.gid());
        String mtime = TimeCodec.encode(meta.mtimeNanos());
        String ctime = TimeCodec.encode(meta.ctimeNanos());
        String atime = TimeCodec.encode(meta.atimeNanos());
        if (meta.xattrs().isEmpty()) {
            return Map.of(MODE, mode, UID, uid, GID, gid, MTIME, mtime, CTIME, ctime, ATIME, atime);
        }
        return Map.of(MODE, mode, UID, uid, GID, gid, MTIME, mtime, CTIME, ctime, ATIME, atime,
                XATTR, XattrCodec.encode(meta.xattrs()));
    }

    /**
     * Reads what any tool wrote. Malformed header values fall through to the next source; a malformed
     * xattr header reads as no xattrs.
     *
     * @param key          the object key; a trailing {@code /} means a directory marker
     * @param contentType  Content-Type, may be null, may carry parameters ({@code ; charset=…})
     * @param userMetadata x-amz-meta-* headers, lower-case names without the prefix; null is empty
     * @param lastModified the object's Last-Modified, the time of last resort
     */
    public static PosixMeta decode(String key, String contentType, Map<String, String> userMetadata,
                                   Instant lastModified, MountDefaults defaults) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(defaults, "defaults");
        Map<String, String> h = userMetadata == null ? Map.of() : userMetadata;
        boolean dirKey = key.endsWith("/");

        int mode = readMode(h, dirKey);
        if ((mode & S_IFMT) == 0) {
            mode |= dirKey || isDirectoryContentType(contentType) ? S_IFDIR : S_IFREG;
        }

        int uid = firstId(h, UID, S3SYNC_UID, GOOG_UID, DATASYNC_UID, defaults.uid());
        int gid = firstId(h, GID, S3SYNC_GID, GOOG_GID, DATASYNC_GID, defaults.gid());

        long mtime = firstTime(h, MTIME, GOOG_MTIME, DATASYNC_MTIME, toNanos(lastModified));
        long ctime = firstTime(h, CTIME, null, DATASYNC_CTIME, mtime);
        long atime = firstTime(h, ATIME, null, DATASYNC_ATIME, mtime);

        String xattrHeader = h.get(XATTR);
        Map<String, byte[]> xattrs = xattrHeader == null ? Map.of() : XattrCodec.decode(xattrHeader);
        return new PosixMeta(mode, uid, gid, atime, mtime, ctime, xattrs);
    }

    /**
     * A prefix that has children but no marker object: a directory with mode {@code 0755 & ~umask},
     * the mount's owner, every time {@code timeNanos} (the mount's time), no xattrs.
     */
    public static PosixMeta implicitDirectory(MountDefaults defaults, long timeNanos) {
        return new PosixMeta(S_IFDIR | (0755 & ~defaults.umask()), defaults.uid(), defaults.gid(),
                timeNanos, timeNanos, timeNanos, Map.of());
    }

    /** True for {@code application/x-directory} (and Nextcloud's {@code httpd/unix-directory}), parameters ignored. */
    public static boolean isDirectoryContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String mime = (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
        return mime.equalsIgnoreCase(DIRECTORY_CONTENT_TYPE) || mime.equalsIgnoreCase(NEXTCLOUD_DIRECTORY_CONTENT_TYPE);
    }

    private static int readMode(Map<String, String> h, boolean dirKey) {
        OptionalInt m = validMode(ModeCodec.parseStrtol(h.get(MODE)));
        if (m.isEmpty()) {
            m = validMode(ModeCodec.parseStrtol(h.get(S3SYNC_MODE)));
        }
        if (m.isEmpty()) {
            m = validMode(ModeCodec.parseOctal(h.get(GOOG_MODE)));
        }
        if (m.isEmpty()) {
            m = validMode(ModeCodec.parseOctal(h.get(DATASYNC_MODE)));
        }
        return m.isPresent() ? m.getAsInt() : dirKey ? 0750 : 0640;
    }

    /** A mode must fit st_mode's 16 bits; a negative or larger number is garbage, not a mode. */
    private static OptionalInt validMode(OptionalInt parsed) {
        return parsed.isPresent() && (parsed.getAsInt() & ~0177777) != 0 ? OptionalInt.empty() : parsed;
    }

    private static int firstId(Map<String, String> h, String a, String b, String c, String d, int fallback) {
        OptionalInt v = ModeCodec.parseStrtol(h.get(a));
        if (v.isEmpty()) {
            v = ModeCodec.parseStrtol(h.get(b));
        }
        if (v.isEmpty()) {
            v = ModeCodec.parseStrtol(h.get(c));
        }
        if (v.isEmpty()) {
            v = ModeCodec.parseStrtol(h.get(d));
        }
        return v.isPresent() ? v.getAsInt() : fallback;
    }

    private static long firstTime(Map<String, String> h, String s3fs, String goog, String dataSync, long fallback) {
        OptionalLong t = TimeCodec.decode(h.get(s3fs));
        if (t.isEmpty() && goog != null) {
            t = TimeCodec.decode(h.get(goog));
        }
        if (t.isEmpty()) {
            t = TimeCodec.decodeDataSync(h.get(dataSync));
        }
        return t.isPresent() ? t.getAsLong() : fallback;
    }

    private static long toNanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
