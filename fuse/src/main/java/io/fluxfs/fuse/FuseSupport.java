package io.fluxfs.fuse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether this machine can mount FUSE filesystems, and if not, the one thing to fix. */
public final class FuseSupport {

    private FuseSupport() {
    }

    /** Empty when FUSE can mount; otherwise what is missing, with the fix. */
    public static Optional<String> problem() {
        Path dev = Path.of("/dev/fuse");
        if (!Files.exists(dev)) {
            return Optional.of("/dev/fuse does not exist: load the module (modprobe fuse) or give the container"
                    + " --device /dev/fuse --cap-add SYS_ADMIN");
        }
        if (!Files.isReadable(dev) || !Files.isWritable(dev)) {
            return Optional.of("/dev/fuse is not readable and writable for this user");
        }
        if (findLibfuse().isEmpty()) {
            return Optional.of("libfuse.so.2 is missing: apt-get install -y fuse libfuse2");
        }
        if (findOnPath("fusermount").isEmpty()) {
            return Optional.of("fusermount is not on PATH: apt-get install -y fuse");
        }
        return Optional.empty();
    }

    static Optional<Path> findLibfuse() {
        for (String dir : new String[] {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu",
                "/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib64", "/lib", "/usr/local/lib"}) {
            Path p = Path.of(dir, "libfuse.so.2");
            if (Files.exists(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static Optional<Path> findOnPath(String exe) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, exe);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        for (String dir : new String[] {"/usr/bin", "/bin"}) {
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
