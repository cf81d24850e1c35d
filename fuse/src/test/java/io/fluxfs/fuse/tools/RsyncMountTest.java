package io.fluxfs.fuse.tools;

import io.fluxfs.fuse.Sh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.fluxfs.fuse.tools.EngineMount.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rsync -a of many small files into a real mount of the real engine, then the runs that must find
 * nothing to do: with --checksum (reads every file back) and plain (size + mtime), before and after a
 * remount. {@code -Dfluxfs.test.rsyncFiles=N} scales the tree for local runs; CI runs the default 2,000.
 */
class RsyncMountTest {

    static final int FILES = Integer.getInteger("fluxfs.test.rsyncFiles", 2000);
    static final int DIRS = 20;
    static final Duration RSYNC_DEADLINE = Duration.ofMinutes(15);

    @RegisterExtension
    final EngineMount m = new EngineMount();

    private static final Pattern TRANSFERRED = Pattern.compile("Number of regular files transferred: ([\\d,]+)");
    private static final Pattern FILE_COUNT = Pattern.compile("Number of files: ([\\d,]+) \\(reg: ([\\d,]+)");

    private Path source() throws Exception {
        Path src = m.scratch("src");
        Random r = new Random(7);
        Instant base = Instant.parse("2022-03-04T05:06:07Z");
        for (int i = 0; i < FILES; i++) {
            Path f = src.resolve(String.format("dir%02d/file%05d.bin", i % DIRS, i));
            Trees.file(f, 1024 + r.nextInt(63 * 1024 + 1), i);
            // Times with sub-second parts, like real files: rsync compares whole seconds.
            Files.setLastModifiedTime(f, FileTime.from(base.plusMillis(r.nextInt(1_000_000_000))));
        }
        return src;
    }

    private static Sh.Result rsync(Path cwd, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "rsync";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return ok(cwd, RSYNC_DEADLINE, cmd);
    }

    private static long transferred(Sh.Result stats) {
        Matcher mm = TRANSFERRED.matcher(stats.out());
        assertTrue(mm.find(), stats::toString);
        return Long.parseLong(mm.group(1).replace(",", ""));
    }

    private void assertNothingToDo(Path src, String when) {
        String dst = m.dir().resolve("dst") + "/";
        // -i lists every item rsync would change, directories included; an empty list is "in sync".
        Sh.Result check = rsync(src, "-a", "--checksum", "--dry-run", "--itemize-changes", src + "/", dst);
        assertEquals("", check.out(), () -> when + ": rsync --checksum --dry-run found differences");
        Sh.Result again = rsync(src, "-a", "--stats", "--itemize-changes", src + "/", dst);
        assertEquals(0, transferred(again), () -> when + ": a second rsync -a transferred files:\n" + again.out());
        Matcher fc = FILE_COUNT.matcher(again.out());
        assertTrue(fc.find(), again::toString);
        assertEquals(FILES, Long.parseLong(fc.group(2).replace(",", "")), "rsync saw every file");
    }

    @Test
    void rsyncOfManySmallFilesThenNothingToTransferAlsoAfterRemount() throws Exception {
        Path src = source();
        SortedMap<String, String> want = Trees.manifest(src, Trees.Meta.MODE_MTIME, false);

        long t0 = System.nanoTime();
        Sh.Result first = rsync(src, "-a", "--stats", src + "/", m.dir().resolve("dst") + "/");
        System.err.printf("[mount test] rsync -a of %d files: %.1f s; S3 requests: %s%n", FILES,
                (System.nanoTime() - t0) / 1e9, m.requests());
        assertEquals(FILES, transferred(first), first::toString);
        // rsync -a keeps mtimes to the nanosecond where it can: compare whole seconds only if it did not.
        assertEquals(Trees.lines(want), Trees.lines(Trees.manifest(m.dir().resolve("dst"), Trees.Meta.MODE_MTIME, false)));

        assertNothingToDo(src, "same mount");
        m.remount();
        assertNothingToDo(src, "after remount");
        assertEquals(Trees.lines(want), Trees.lines(Trees.manifest(m.dir().resolve("dst"), Trees.Meta.MODE_MTIME, false)));
    }
}
