package io.fluxfs.fuse.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;

import static io.fluxfs.fuse.tools.EngineMount.ok;
import static io.fluxfs.fuse.tools.Trees.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cp -r and tar through a real mount of the real engine on a real S3 server. */
class CopyToolsMountTest {

    @RegisterExtension
    final EngineMount m = new EngineMount();

    /** Nested dirs, the sizes around S3's 5 MiB minimum part and the single-PUT limit, awkward names. */
    private static Path tree(Path root) throws Exception {
        Trees.file(root.resolve("empty"), 0, 1);
        Trees.file(root.resolve("one"), 1, 2);
        Trees.file(root.resolve("a/five-minus-one"), 5L * MIB - 1, 3);
        Trees.file(root.resolve("a/b/five"), 5L * MIB, 4);
        Trees.file(root.resolve("a/b/c/five-plus-one"), 5L * MIB + 1, 5);
        Trees.file(root.resolve("a/b/c/seventeen-plus-three"), 17L * MIB + 3, 6);
        Trees.file(root.resolve("name with spaces.txt"), 100, 7);
        Trees.file(root.resolve("é 日本.txt"), 4097, 8);
        Trees.file(root.resolve("dir with space/é 日本/inner.txt"), 10, 9);
        Trees.file(root.resolve("a/b/c/d/e/deep"), 12345, 10);
        Files.createDirectories(root.resolve("empty dir/also empty"));
        return root;
    }

    @Test
    void cpRecursiveRoundTripsATreeAndItSurvivesRemount() throws Exception {
        Path src = tree(m.scratch("src"));
        SortedMap<String, String> want = Trees.manifest(src, Trees.Meta.NONE, false);

        ok(src.getParent(), "cp", "-r", src.toString(), m.dir().resolve("tree").toString());
        ok(src.getParent(), "diff", "-r", src.toString(), m.dir().resolve("tree").toString());
        assertEquals(Trees.lines(want), Trees.lines(Trees.manifest(m.dir().resolve("tree"), Trees.Meta.NONE, false)));

        Path back = m.scratch("back");
        ok(back, "cp", "-r", m.dir().resolve("tree").toString(), back.resolve("tree").toString());
        ok(back, "diff", "-r", src.toString(), back.resolve("tree").toString());

        m.remount();
        ok(src.getParent(), "diff", "-r", src.toString(), m.dir().resolve("tree").toString());
        assertEquals(Trees.lines(want), Trees.lines(Trees.manifest(m.dir().resolve("tree"), Trees.Meta.NONE, false)));
    }

    @Test
    void cpArchiveKeepsModesTimesAndOwners() throws Exception {
        Path src = tree(m.scratch("src"));
        ok(src, "chmod", "0600", "one");
        ok(src, "chmod", "0751", "a/b");
        ok(src, "chown", "1234:2345", "empty", "a/b/five");
        ok(src, "touch", "-h", "-d", "2001-02-03 04:05:06.123456789 UTC", "one", "empty", "a/b/five");
        ok(src, "ln", "-s", "a/b/five", "link to five");
        SortedMap<String, String> want = Trees.manifest(src, Trees.Meta.MODE_MTIME_OWNER, false);

        ok(src.getParent(), "cp", "-a", src.toString(), m.dir().resolve("tree").toString());
        assertEquals(Trees.lines(want), Trees.lines(Trees.manifest(m.dir().resolve("tree"), Trees.Meta.MODE_MTIME_OWNER, false)));
        m.remount();
        assertEquals(Trees.lines(want), Trees.lines(Trees.manifest(m.dir().resolve("tree"), Trees.Meta.MODE_MTIME_OWNER, false)));
    }

    @Test
    void tarExtractsIntoTheMountAndTarCreateFromItGivesTheSameArchive() throws Exception {
        Path src = m.scratch("src");
        Trees.file(src.resolve("bin/run.sh"), 300, 1);
        Trees.file(src.resolve("data/big.bin"), 6L * MIB + 7, 2);
        Trees.file(src.resolve("data/private"), 10, 3);
        Trees.file(src.resolve("data/nested/deeper/é 日本.txt"), 0, 4);
        ok(src, "chmod", "0755", "bin/run.sh");
        ok(src, "chmod", "0600", "data/private");
        ok(src, "chmod", "0700", "data/nested");
        ok(src, "chown", "1234:2345", "data/private");
        ok(src, "ln", "-s", "../data/big.bin", "bin/big-link");
        ok(src, "find", ".", "-exec", "touch", "-h", "-d", "2010-06-07 08:09:10 UTC", "{}", "+");
        Path scratch = m.scratch("archives");
        Path archive = scratch.resolve("in.tar");
        ok(src, "tar", "--sort=name", "--numeric-owner", "-cf", archive.toString(), ".");

        ok(m.dir(), "mkdir", "x");
        ok(m.dir().resolve("x"), "tar", "--numeric-owner", "-xpf", archive.toString());
        // tar's own comparison: content, size, mode, mtime, owner, symlink targets.
        ok(m.dir().resolve("x"), "tar", "--numeric-owner", "-df", archive.toString());
        SortedMap<String, String> want = Trees.manifest(src, Trees.Meta.MODE_MTIME_OWNER, true);
        assertEquals(Trees.lines(want), Trees.lines(Trees.manifest(m.dir().resolve("x"), Trees.Meta.MODE_MTIME_OWNER, true)));

        Path out = scratch.resolve("out.tar");
        ok(m.dir().resolve("x"), "tar", "--sort=name", "--numeric-owner", "-cf", out.toString(), ".");
        String inList = ok(scratch, "tar", "--numeric-owner", "--full-time", "-tvf", archive.toString()).out();
        String outList = ok(scratch, "tar", "--numeric-owner", "--full-time", "-tvf", out.toString()).out();
        assertEquals(inList, outList);
        ok(scratch, "cmp", archive.toString(), out.toString());

        m.remount();
        ok(m.dir().resolve("x"), "tar", "--numeric-owner", "-df", archive.toString());
        assertEquals(Trees.lines(want), Trees.lines(Trees.manifest(m.dir().resolve("x"), Trees.Meta.MODE_MTIME_OWNER, true)));
        assertTrue(Files.isSymbolicLink(m.dir().resolve("x/bin/big-link")));
    }
}
