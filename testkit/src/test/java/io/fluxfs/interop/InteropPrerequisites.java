package io.fluxfs.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Assertions;

/**
 * What an interop test with a real FUSE peer needs from the machine, and what to do when it is not
 * there: with {@code -Dfluxfs.requireFuse=true} (CI) the test fails and names what is missing;
 * otherwise it is skipped with the same reason. A mount test never skips silently.
 */
final class InteropPrerequisites {

    static final String REQUIRE_FUSE = "fluxfs.requireFuse";

    private InteropPrerequisites() {
    }

    /** Fails or skips (see the class comment) unless /dev/fuse and every named program are usable. */
    static void requireFuseAnd(String... programs) {
        enforce(missing(programs), Boolean.getBoolean(REQUIRE_FUSE));
    }

    /** Nothing missing: returns. Else fails ({@code require}) or aborts the test, naming what is missing. */
    static void enforce(List<String> missing, boolean require) {
        if (missing.isEmpty()) {
            return;
        }
        String reason = "s3fs-fuse interop needs " + String.join("; ", missing)
                + " (Debian: apt-get install s3fs fuse libfuse2 attr)";
        if (require) {
            Assertions.fail(reason + " — failing because -D" + REQUIRE_FUSE + "=true");
        }
        Assumptions.abort(reason + " — skipped; set -D" + REQUIRE_FUSE + "=true to make this a failure");
    }

    static List<String> missing(String... programs) {
        List<String> missing = new ArrayList<>();
        Path fuse = Path.of("/dev/fuse");
        if (!Files.exists(fuse)) {
            missing.add("the FUSE device /dev/fuse (absent)");
        } else if (!Files.isReadable(fuse) || !Files.isWritable(fuse)) {
            missing.add("read/write access to /dev/fuse");
        }
        for (String p : programs) {
            if (onPath(p).isEmpty()) {
                missing.add("'" + p + "' on PATH");
            }
        }
        return missing;
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
