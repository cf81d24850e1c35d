package io.fluxfs.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads /proc/mounts: the only trustworthy answer to "is this directory a mount right now". */
final class ProcMounts {

    private ProcMounts() {
    }

    /** The filesystem type mounted exactly at {@code mountPoint}, if any (the last mount wins). */
    static Optional<String> fsType(Path mountPoint) {
        String want = mountPoint.toAbsolutePath().normalize().toString();
        String found = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/mounts"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length >= 3 && unescape(f[1]).equals(want)) {
                    found = f[2];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/mounts", e);
        }
        return Optional.ofNullable(found);
    }

    /** /proc/mounts writes space, tab, newline and backslash in paths as three-digit octal escapes. */
    static String unescape(String field) {
        StringBuilder sb = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                String oct = field.substring(i + 1, i + 4);
                if (oct.chars().allMatch(d -> d >= '0' && d <= '7')) {
                    sb.append((char) Integer.parseInt(oct, 8));
                    i += 3;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
