package io.fluxfs.fuse.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.fluxfs.fuse.tools.EngineMount.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A 1 GiB file: dd in with 1 MiB blocks, unmount, remount, dd out; SHA-256 of both sides equal.
 * It runs on an own file-backed S3Proxy ({@link EngineMount#onDisk()}): the shared in-memory server
 * would hold the object (and its parts, while the upload completes) in the test JVM's 2 GiB heap.
 * The times of each step go to stderr.
 */
class LargeFileMountTest {

    static final int MIB_COUNT = Integer.getInteger("fluxfs.test.largeFileMiB", 1024);
    static final Duration STEP = Duration.ofMinutes(20);

    @RegisterExtension
    final EngineMount m = new EngineMount().onDisk();

    @Test
    void oneGiBFileWrittenWithDdReadsBackIdenticallyAfterRemount() throws Exception {
        Path local = m.scratch("local");
        Path src = local.resolve("src.bin");
        ok(local, STEP, "dd", "if=/dev/urandom", "of=" + src, "bs=1M", "count=" + MIB_COUNT, "status=none");
        String want = ok(local, STEP, "sha256sum", src.toString()).out().split(" ")[0];

        long t0 = System.nanoTime();
        ok(local, STEP, "dd", "if=" + src, "of=" + m.dir().resolve("big.bin"), "bs=1M", "status=none");
        long tIn = System.nanoTime();
        m.remount();
        long tRemount = System.nanoTime();
        assertEquals((long) MIB_COUNT << 20, Files.size(m.dir().resolve("big.bin")));
        String got = ok(local, STEP, "sh", "-c", "dd if='" + m.dir().resolve("big.bin") + "' bs=1M status=none | sha256sum")
                .out().split(" ")[0];
        long tOut = System.nanoTime();
        System.err.printf("[mount test] %d MiB: dd in %.1f s (%.0f MiB/s), unmount+remount %.1f s, dd out + sha256 %.1f s (%.0f MiB/s); S3 requests after remount: %s%n",
                MIB_COUNT, (tIn - t0) / 1e9, MIB_COUNT / ((tIn - t0) / 1e9), (tRemount - tIn) / 1e9,
                (tOut - tRemount) / 1e9, MIB_COUNT / ((tOut - tRemount) / 1e9), m.requests());
        assertEquals(want, got);
    }
}
