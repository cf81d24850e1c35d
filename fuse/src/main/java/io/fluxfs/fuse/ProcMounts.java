package io.fluxfs.fuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code /proc/mounts}: the one place that says whether something is mounted. */
public final class ProcMounts {

    /** One line: {@code source mountpoint fstype options}. */
    public record Mount(String source, Path mountPoint, String type, String options) {
        public boolean isFluxfs() {
            return type.equals("fuse.fluxfs") || source.startsWith("fluxfs#");
        }
    }

    private static final Path PROC_MOUNTS = Path.of("/proc/mounts");

    private ProcMounts() {
    }

    public static List<Mount> read() {
        try {
            return parse(Files.readAllLines(PROC_MOUNTS));
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<Mount> parse(List<String> lines) {
        List<Mount> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length >= 4) {
                out.add(new Mount(unescape(f[0]), Path.of(unescape(f[1])), f[2], f[3]));
            }
        }
        return out;
    }

    /** The mount at exactly {@code dir} (the last one, if mounts are stacked). */
    public static Optional<Mount> at(Path dir) {
        Path want = normalize(dir);
        Mount found = null;
        for (Mount m : read()) {
            if (m.mountPoint().equals(want)) {
                found = m;
            }
        }
        return Optional.ofNullable(found);
    }

    public static boolean isMounted(Path dir) {
        return at(dir).isPresent();
    }

    static Path normalize(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        try {
            // Resolve symlinks in the parent only: stat of the mountpoint itself may hang or fail
            // while a dead FUSE mount sits on it.
            return parent == null ? abs : parent.toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            return abs;
        }
    }

    /** /proc/mounts writes space, tab, newline and backslash as octal escapes. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1) && isOctal(s, i + 2) && isOctal(s, i + 3)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7';
    }
}
