package io.fluxfs.fuse.tools;

import io.fluxfs.fuse.Sh;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.fluxfs.fuse.tools.EngineMount.ok;
import static io.fluxfs.fuse.tools.Trees.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * rsync's other ways of updating files that are already in the mount (WORKLOADS.md): the default
 * temp file + rename over the old one, --inplace (writes at offsets, shrinks with ftruncate while its
 * own read-only fd is open), --append-verify, --delete, --temp-dir outside the mount, and symlinks.
 * After each update the mount must equal the source, and a --checksum dry run must find nothing.
 */
class RsyncVariantsMountTest {

    @RegisterExtension
    final EngineMount m = new EngineMount();

    private Path src;
    private String dst;

    @BeforeEach
    void firstCopy() throws Exception {
        src = m.scratch("src");
        Trees.file(src.resolve("same-size.bin"), 300_000, 1);
        Trees.file(src.resolve("shrinks.bin"), 6L * MIB + 11, 2);
        Trees.file(src.resolve("grows.bin"), 100_000, 3);
        Trees.file(src.resolve("small/shrinks-small.txt"), 5000, 4);
        Trees.file(src.resolve("gone/file"), 10, 5);
        Trees.file(src.resolve("gone-file"), 10, 6);
        Files.createSymbolicLink(src.resolve("link"), Path.of("same-size.bin"));
        ok(src, "touch", "-h", "-d", "2015-05-05 05:05:05 UTC", "link");
        dst = m.dir().resolve("dst") + "/";
        rsync("-a");
        assertInSync("first copy");
    }

    private Sh.Result rsync(String... opts) {
        String[] cmd = new String[opts.length + 3];
        cmd[0] = "rsync";
        System.arraycopy(opts, 0, cmd, 1, opts.length);
        cmd[cmd.length - 2] = src + "/";
        cmd[cmd.length - 1] = dst;
        return ok(src, cmd);
    }

    private void assertInSync(String when) throws Exception {
        assertEquals(Trees.lines(Trees.manifest(src, Trees.Meta.MODE_MTIME, false)),
                Trees.lines(Trees.manifest(Path.of(dst), Trees.Meta.MODE_MTIME, false)), when);
        assertEquals("", rsync("-a", "--checksum", "--dry-run", "--itemize-changes").out(), when + ": rsync still finds differences");
    }

    /** Changes the source: bytes in the middle, a shrink, a growth; new mtimes for all three. */
    private void changeSource() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(src.resolve("same-size.bin").toFile(), "rw")) {
            f.seek(150_000);
            f.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        try (RandomAccessFile f = new RandomAccessFile(src.resolve("shrinks.bin").toFile(), "rw")) {
            f.setLength(3L * MIB + 5);
        }
        try (RandomAccessFile f = new RandomAccessFile(src.resolve("small/shrinks-small.txt").toFile(), "rw")) {
            f.setLength(1000);
        }
        try (RandomAccessFile f = new RandomAccessFile(src.resolve("grows.bin").toFile(), "rw")) {
            f.seek(f.length());
            f.write(new byte[70_000]);
        }
        ok(src, "touch", "-d", "2020-02-02 02:02:02.5 UTC", "same-size.bin", "shrinks.bin", "grows.bin", "small/shrinks-small.txt");
    }

    @Test
    void defaultUpdateRenamesTheTempFileOverTheOldOne() throws Exception {
        changeSource();
        rsync("-a");
        assertInSync("after the update");
        m.remount();
        assertInSync("after remount");
    }

    @Test
    void inplaceUpdateWritesAtOffsetsAndShrinksWithFtruncate() throws Exception {
        changeSource();
        rsync("-a", "--inplace", "--no-whole-file");
        assertInSync("after --inplace");
        m.remount();
        assertInSync("after remount");
    }

    @Test
    void appendVerifyAddsOnlyTheNewTail() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(src.resolve("grows.bin").toFile(), "rw")) {
            f.seek(f.length());
            f.write(new byte[] {9, 9, 9});
        }
        rsync("-a", "--append-verify");
        assertInSync("after --append-verify");
        m.remount();
        assertInSync("after remount");
    }

    @Test
    void deleteRemovesWhatTheSourceNoLongerHas() throws Exception {
        ok(src, "rm", "-r", "gone", "gone-file");
        rsync("-a", "--delete");
        assertFalse(Files.exists(Path.of(dst, "gone")));
        assertFalse(Files.exists(Path.of(dst, "gone-file")));
        assertInSync("after --delete");
        m.remount();
        assertInSync("after remount");
    }

    @Test
    void tempDirOutsideTheMountCopiesAndUnlinks() throws Exception {
        changeSource();
        rsync("-a", "--temp-dir=" + m.scratch("rsync-tmp"));
        assertInSync("after --temp-dir");
        m.remount();
        assertInSync("after remount");
    }

    @Test
    void rsyncOutOfTheMountGivesTheSameTree() throws Exception {
        Path back = m.scratch("back");
        ok(back, "rsync", "-a", dst, back + "/");
        assertEquals(Trees.lines(Trees.manifest(src, Trees.Meta.MODE_MTIME, false)),
                Trees.lines(Trees.manifest(back, Trees.Meta.MODE_MTIME, false)));
    }
}
