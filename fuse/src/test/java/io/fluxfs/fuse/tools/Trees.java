package io.fluxfs.fuse.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builds file trees with known content and describes trees so two can be compared in one assert. */
final class Trees {

    static final int MIB = 1 << 20;

    private Trees() {
    }

    /** Writes {@code size} pseudo-random bytes (from {@code seed}) to {@code file}, creating parents. */
    static Path file(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        Random r = new Random(seed);
        byte[] buf = new byte[(int) Math.min(size, MIB)];
        try (var out = Files.newOutputStream(file)) {
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(left, buf.length);
                r.nextBytes(buf);
                out.write(buf, 0, n);
                left -= n;
            }
        }
        return file;
    }

    /** What to compare of each entry besides type, size, content and symlink target. */
    enum Meta { NONE, MODE_MTIME, MODE_MTIME_OWNER }

    /**
     * One line per entry under {@code root} (relative path, sorted): type, size and SHA-256 of
     * files, targets of symlinks, and with {@code meta} the mode, mtime (ns) and owner. Symlinks are
     * not followed. Directory mtimes are left out unless {@code dirTimes}.
     */
    static SortedMap<String, String> manifest(Path root, Meta meta, boolean dirTimes) throws IOException {
        SortedMap<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.isEmpty()) {
                    continue;
                }
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                int type = mode & 0170000;
                StringBuilder d = new StringBuilder();
                switch (type) {
                    case 0100000 -> d.append("file ").append(a.get("size")).append(' ').append(sha256(p));
                    case 0040000 -> d.append("dir");
                    case 0120000 -> d.append("link ").append(Files.readSymbolicLink(p));
                    default -> d.append("type ").append(Integer.toOctalString(type));
                }
                if (meta != Meta.NONE) {
                    d.append(" mode ").append(Integer.toOctalString(mode & 07777));
                    if (type != 0040000 || dirTimes) {
                        d.append(" mtime ").append(nanos((FileTime) a.get("lastModifiedTime")));
                    }
                    if (meta == Meta.MODE_MTIME_OWNER) {
                        d.append(" owner ").append(a.get("uid")).append(':').append(a.get("gid"));
                    }
                }
                out.put(rel, d.toString());
            }
        }
        return out;
    }

    static long nanos(FileTime t) {
        return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[MIB];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The manifest as one string, a line per entry: assertEquals on two of them shows a readable diff. */
    static String lines(SortedMap<String, String> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append("  ").append(v).append('\n'));
        return b.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
