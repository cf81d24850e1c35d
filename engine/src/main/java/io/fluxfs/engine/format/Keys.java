package io.fluxfs.engine.format;

import io.fluxfs.engine.fs.FsError;
import io.fluxfs.engine.fs.FsException;

/**
 * Paths to object keys and the limits a key must keep. A file {@code a/b/c} under the bucket prefix
 * {@code pre} is {@code pre/a/b/c}; its directory form is {@code pre/a/b/c/}. Keys never start with
 * {@code /}. Names the store cannot hold are refused, never changed.
 */
public final class Keys {
    /** S3's limit on a key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    /** NAME_MAX, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 255;

    private Keys() {
    }

    /**
     * The key of a path. Leading and trailing {@code /} of prefix and path are ignored, so {@code ""},
     * {@code "/"} and {@code "pre/fix/"} all work. The root under prefix {@code pre} is {@code "pre"}
     * (the form s3fs probes before {@code "pre/"}); the root of the bucket is {@code ""}.
     */
    public static String fileKey(String prefix, String relativePath) {
        return join(prefix, relativePath, false);
    }

    /** The directory-marker key: {@link #fileKey} plus {@code /}, except the bucket root, which is {@code ""}. */
    public static String dirKey(String prefix, String relativePath) {
        return join(prefix, relativePath, true);
    }

    private static String join(String prefix, String path, boolean dir) {
        int ps = skipSlashes(prefix, 0);
        int pe = trimSlashes(prefix, ps);
        int rs = skipSlashes(path, 0);
        int re = trimSlashes(path, rs);
        int plen = pe - ps;
        int rlen = re - rs;
        if (plen == 0 && rlen == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(plen + rlen + 2);
        sb.append(prefix, ps, pe);
        if (plen > 0 && rlen > 0) {
            sb.append('/');
        }
        sb.append(path, rs, re);
        if (dir) {
            sb.append('/');
        }
        return sb.toString();
    }

    private static int skipSlashes(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == '/') {
            i++;
        }
        return i;
    }

    private static int trimSlashes(String s, int start) {
        int e = s.length();
        while (e > start && s.charAt(e - 1) == '/') {
            e--;
        }
        return e;
    }

    /**
     * Validates one path component: not null or empty, not {@code .} or {@code ..}, no {@code /}, no NUL,
     * well-formed UTF-16 (so it has a UTF-8 form), at most {@value #MAX_NAME_BYTES} UTF-8 bytes.
     *
     * @throws FsException EINVAL or ENAMETOOLONG, the message naming the problem
     */
    public static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new FsException(FsError.EINVAL, "empty file name");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new FsException(FsError.EINVAL, "file name '" + name + "' is reserved");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/') {
                throw new FsException(FsError.EINVAL, "file name '" + name + "' contains '/'");
            }
            if (c == '\0') {
                throw new FsException(FsError.EINVAL, "file name contains a NUL character");
            }
        }
        int bytes = utf8Length(name, "file name");
        if (bytes > MAX_NAME_BYTES) {
            throw new FsException(FsError.ENAMETOOLONG, "file name is " + bytes + " UTF-8 bytes, the limit is "
                    + MAX_NAME_BYTES + ": " + abbreviate(name));
        }
    }

    /**
     * Refuses a key longer than {@value #MAX_KEY_BYTES} UTF-8 bytes (ENAMETOOLONG), counting a
     * directory's trailing {@code /}; a key that is not well-formed UTF-16 is EINVAL.
     */
    public static void checkKeyLength(String key) {
        int bytes = utf8Length(key, "object key");
        if (bytes > MAX_KEY_BYTES) {
            throw new FsException(FsError.ENAMETOOLONG, "object key is " + bytes + " UTF-8 bytes, the store's limit is "
                    + MAX_KEY_BYTES + ": " + abbreviate(key));
        }
    }

    /** UTF-8 length without encoding; an unpaired surrogate is EINVAL. */
    static int utf8Length(String s, String what) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new FsException(FsError.EINVAL, what + " has an unpaired surrogate at index " + i
                            + " and cannot be written as UTF-8");
                }
                n += 4;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new FsException(FsError.EINVAL, what + " has an unpaired surrogate at index " + i
                        + " and cannot be written as UTF-8");
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static String abbreviate(String s) {
        if (s.length() <= 64) {
            return s;
        }
        int cut = Character.isHighSurrogate(s.charAt(59)) ? 59 : 60;
        return s.substring(0, cut) + "...";
    }
}
