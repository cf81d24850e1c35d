package io.fluxfs.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short external command (fusermount, getfattr, setfattr) with a deadline. */
final class Commands {

    private Commands() {
    }

    /** Exit status and the merged stdout + stderr of a finished command. */
    record Result(int status, String output) {
        Result orFail(List<String> command) {
            if (status != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + status + ": " + output);
            }
            return this;
        }
    }

    static Result run(List<String> command, Duration deadline) {
        Path out = null;
        Process p = null;
        try {
            out = Files.createTempFile("fluxfs-cmd", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            scrubEnvironment(pb.environment());
            p = pb.start();
            if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + deadline);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (p != null) {
                p.destroyForcibly();
            }
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /**
     * Drops what would send a child's HTTP elsewhere or make it distrust a plain local endpoint: proxies,
     * CA-bundle and certificate overrides (this environment sets {@code AWS_CA_BUNDLE} and friends; see
     * shared/WORKLOADS.md), and ambient AWS credentials that s3fs would prefer over its passwd file.
     */
    static void scrubEnvironment(Map<String, String> env) {
        env.keySet().removeIf(name -> {
            String n = name.toUpperCase(java.util.Locale.ROOT);
            return n.contains("PROXY") || n.contains("CA_BUNDLE") || n.contains("CERT") || n.startsWith("SSL_")
                    || n.startsWith("AWS") || n.startsWith("CURL_");
        });
    }
}
