package io.fluxfs.fuse.tools;

import io.fluxfs.engine.store.ListPage;
import io.fluxfs.engine.store.ListRequest;
import io.fluxfs.fuse.Sh;
import io.fluxfs.testkit.s3.TestBucket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.fluxfs.fuse.tools.EngineMount.ok;
import static io.fluxfs.fuse.tools.Trees.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Everyday tools and editors' patterns through a real mount of the real engine on a real S3 server. */
class PosixToolsMountTest {

    @RegisterExtension
    final EngineMount m = new EngineMount();

    private Sh.Result ok(String... cmd) {
        return EngineMount.ok(m.dir(), cmd);
    }

    private Sh.Result sh(String... cmd) {
        return Sh.run(m.dir(), cmd);
    }

    // ------------------------------------------------------------ editors' safe save

    /** Version {@code v} of the file: its length and every byte say which version it is. */
    private static byte[] version(int v) {
        byte[] b = new byte[MIB + v * 4099];
        Arrays.fill(b, (byte) ('a' + v % 26));
        return b;
    }

    /** Which version {@code data} is, or -1 if it is none of them whole (a half-written file). */
    private static int whichVersion(byte[] data) {
        if (data.length < MIB || (data.length - MIB) % 4099 != 0) {
            return -1;
        }
        int v = (data.length - MIB) / 4099;
        for (byte x : data) {
            if (x != (byte) ('a' + v % 26)) {
                return -1;
            }
        }
        return v;
    }

    private static void writeSynced(Path p, byte[] data) throws Exception {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            // 64 KiB writes, like an editor's buffered stream, so a reader has a chance to see a half file.
            while (b.hasRemaining()) {
                ByteBuffer slice = b.slice(b.position(), Math.min(64 * 1024, b.remaining()));
                b.position(b.position() + ch.write(slice));
            }
            ch.force(true);
        }
    }

    @Test
    void safeSaveViaTempFileAndRenameNeverShowsAHalfWrittenFile() throws Exception {
        Path name = m.dir().resolve("doc.txt");
        Path tmp = m.dir().resolve("doc.txt.tmp");
        Path backup = m.dir().resolve("doc.txt~");
        writeSynced(name, version(0));
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        List<String> bad = new ArrayList<>();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (!done.get()) {
                try {
                    byte[] seen = Files.readAllBytes(name);
                    reads.incrementAndGet();
                    if (whichVersion(seen) < 0) {
                        synchronized (bad) {
                            bad.add("read " + seen.length + " bytes that are no whole version");
                        }
                    }
                } catch (NoSuchFileException e) {
                    // between "name -> name~" and "tmp -> name": absent is allowed, half is not
                } catch (Exception e) {
                    synchronized (bad) {
                        bad.add(e.toString());
                    }
                }
            }
        });
        try {
            for (int v = 1; v <= 12; v++) {
                writeSynced(tmp, version(v));
                if (v % 2 == 0) {
                    // vim's "backup" style: keep the old file as name~ first
                    Files.move(name, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(tmp, name, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                assertEquals(v, whichVersion(Files.readAllBytes(name)), "right after the rename");
            }
        } finally {
            done.set(true);
            reader.get(60, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), bad, "a reader saw a half-written or failing file (" + reads.get() + " reads)");
        assertTrue(reads.get() > 0);
        assertFalse(Files.exists(tmp));
        m.remount();
        assertEquals(12, whichVersion(Files.readAllBytes(name)));
        assertEquals(11, whichVersion(Files.readAllBytes(backup)));
        assertEquals("doc.txt\ndoc.txt~\n", ok("ls", "-1A").out());
    }

    // ------------------------------------------------------------ links and metadata

    @Test
    void symlinksReadBackAndSurviveRemount() throws Exception {
        ok("mkdir", "-p", "d/e");
        Files.writeString(m.dir().resolve("d/e/target.txt"), "through the link\n");
        ok("ln", "-s", "d/e/target.txt", "rel");
        ok("ln", "-s", "/nonexistent/absolute path", "dangling");
        ok("ln", "-s", "e", "d/dirlink");
        assertEquals("d/e/target.txt\n", ok("readlink", "rel").out());
        assertEquals("through the link\n", ok("cat", "rel").out());
        assertEquals("through the link\n", ok("cat", "d/dirlink/target.txt").out());
        m.remount();
        assertEquals("d/e/target.txt\n", ok("readlink", "rel").out());
        assertEquals("/nonexistent/absolute path\n", ok("readlink", "dangling").out());
        assertEquals("symbolic link 14", ok("stat", "-c", "%F %s", "rel").out().trim());
        assertEquals("through the link\n", ok("cat", "d/dirlink/target.txt").out());
        ok("rm", "rel");
        assertEquals("through the link\n", ok("cat", "d/e/target.txt").out(), "removing a link keeps its target");
    }

    @Test
    void chmodChownAndTouchSurviveRemount() throws Exception {
        Files.writeString(m.dir().resolve("f"), "data");
        ok("mkdir", "d");
        ok("chmod", "0751", "f");
        ok("chmod", "2710", "d");
        ok("chown", "1234:2345", "f");
        ok("chown", "4321:5432", "d");
        ok("touch", "-d", "2001-02-03 04:05:06.123456789 UTC", "f");
        ok("touch", "-m", "-d", "1999-12-31 23:59:59.5 UTC", "d");
        String before = ok("stat", "-c", "%n %A %u %g %.9X %.9Y", "f", "d").out();
        assertEquals("f -rwxr-x--x 1234 2345 981173106.123456789 981173106.123456789\n"
                + "d drwx--s--- 4321 5432", before.lines().toList().get(0) + "\n" + before.lines().toList().get(1).substring(0, 22));
        m.remount();
        assertEquals(before, ok("stat", "-c", "%n %A %u %g %.9X %.9Y", "f", "d").out());
        assertEquals("data", Files.readString(m.dir().resolve("f")));
    }

    /** Linux's rule for shared group directories: what is made in a set-group-ID directory gets its group. */
    @Test
    void newEntriesInASetgidDirectoryTakeItsGroupAndSubdirectoriesTheBit() throws Exception {
        ok("mkdir", "shared");
        ok("chown", "0:2345", "shared");
        ok("chmod", "2775", "shared");
        ok("sh", "-c", "umask 022; : > shared/f; mkdir shared/sub; ln -s f shared/l; mkfifo shared/p");
        String want = "shared/f 2345 644\nshared/sub 2345 2755\nshared/l 2345 777\nshared/p 2345 644\n";
        assertEquals(want, ok("stat", "-c", "%n %g %a", "shared/f", "shared/sub", "shared/l", "shared/p").out());
        m.remount();
        assertEquals(want, ok("stat", "-c", "%n %g %a", "shared/f", "shared/sub", "shared/l", "shared/p").out());
    }

    // ------------------------------------------------------------ deep trees

    @Test
    void mkdirParentsAndRecursiveRemoveOfADeepTree() throws Exception {
        ok("mkdir", "-p", "a/b/c/d/e/f");
        assertEquals("directory", ok("stat", "-c", "%F", "a/b/c/d/e/f").out().trim());
        String[] levels = {"a", "a/b", "a/b/c", "a/b/c/d", "a/b/c/d/e", "a/b/c/d/e/f"};
        for (String l : levels) {
            Files.writeString(m.dir().resolve(l).resolve("file"), l);
            Files.write(m.dir().resolve(l).resolve("empty"), new byte[0]);
        }
        ok("ln", "-s", "../..", "a/b/c/d/up");
        ok("mkdir", "-p", "a/b/c/d/e/f"); // exists already: -p succeeds
        assertEquals(String.valueOf(levels.length * 2), ok("sh", "-c", "find a -type f | wc -l").out().trim());
        ok("rm", "-rf", "a");
        assertFalse(Files.exists(m.dir().resolve("a")));
        assertEquals("", ok("ls", "-A").out());
        assertEquals(List.of(), keys(), "nothing of the tree stays in the bucket");
        m.remount();
        assertEquals("", ok("ls", "-A").out());
    }

    /** Crosses both the adapter's readdir page and S3's 1,000-key list page while rm deletes entries. */
    @Test
    void recursiveRemoveOfDirectoriesLargerThanOneListingPageAlsoAfterRemount() throws Exception {
        ok("sh", "-c", "mkdir fresh listed && seq -f 'fresh/f%05g' 1 1100 | xargs touch && seq -f 'listed/f%05g' 1 1100 | xargs touch");
        ok("rm", "-rf", "fresh");
        m.remount();
        assertEquals("1100", ok("sh", "-c", "ls listed | wc -l").out().trim());
        ok("rm", "-rf", "listed");
        assertEquals("", ok("ls", "-A").out());
        assertEquals(List.of(), keys());
    }

    /** An open file keeps its data when its name moves or goes; its last close stores it under the current name only. */
    @Test
    void openFilesThatAreRenamedOrUnlinkedEndUpUnderTheirCurrentNameOnly() throws Exception {
        ok("bash", "-c", "exec 3>unlinked; echo a >&3; rm unlinked; echo b >&3; exec 3>&-; "
                + "exec 4>moved; echo part1 >&4; mv moved moved2; echo part2 >&4; exec 4>&-; "
                + "mkdir d; exec 5>d/inner; echo one >&5; mv d d2; echo two >&5; exec 5>&-; "
                + "echo keep > readonly; exec 6<readonly; rm readonly; cat <&6 > read-after-unlink; exec 6<&-");
        m.remount();
        assertEquals("part1\npart2\n", Files.readString(m.dir().resolve("moved2")));
        assertEquals("one\ntwo\n", Files.readString(m.dir().resolve("d2/inner")));
        assertEquals("keep\n", Files.readString(m.dir().resolve("read-after-unlink")));
        assertEquals(List.of("d2/", "d2/inner", "moved2", "read-after-unlink"), keys());
    }

    /** Every attribute stat shows, to the nanosecond, is what the store gives a new engine. */
    @Test
    void statIsTheSameToTheNanosecondAfterRemount() {
        ok("bash", "-c", "echo hi > w; head -c 9000000 /dev/zero > big; : > e; mkdir d; ln -s w l; mkfifo fifo; "
                + "echo c > chm; chmod 600 chm; echo x > xat; setfattr -n user.k -v v xat; echo 12345 > tr; "
                + "truncate -s 2 tr; echo a > ap; echo b >> ap; touch -a -d '2001-01-01 UTC' ap");
        String[] stat = {"stat", "-c", "%n %F %s %a %u %g %.9X %.9Y %.9Z", "w", "big", "e", "d", "l", "fifo", "chm", "xat", "tr", "ap"};
        String before = ok(stat).out();
        m.remount();
        assertEquals(before, ok(stat).out());
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        ListRequest req = new ListRequest("", null, null, 1000);
        ListPage page;
        do {
            page = TestBucket.await(m.bucket().store().list(req));
            page.objects().forEach(o -> keys.add(o.key()));
            req = req.next(page.nextToken());
        } while (page.isTruncated());
        return keys;
    }

    // ------------------------------------------------------------ locks, df, xattrs

    @Test
    void flockExcludesASecondProcessUntilTheFirstLetsGo() throws Exception {
        Files.writeString(m.dir().resolve("lock"), "");
        Process holder = new ProcessBuilder("flock", "-x", "lock", "sh", "-c", "echo locked; exec cat")
                .directory(m.dir().toFile()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }).get(60, TimeUnit.SECONDS);
            assertEquals("locked", line);
            Sh.Result second = sh("flock", "-n", "-x", "lock", "true");
            assertEquals(1, second.exit(), () -> "a second process must not get the lock: " + second);
            Sh.Result timed = sh("flock", "-w", "0.5", "-x", "lock", "true");
            assertEquals(1, timed.exit(), () -> "a waiting second process must time out: " + timed);
            Sh.Result shared = sh("flock", "-n", "-s", "lock", "true");
            assertEquals(1, shared.exit(), () -> "no shared lock beside an exclusive one: " + shared);
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(60, TimeUnit.SECONDS), "the holder ends when its stdin closes");
            ok("flock", "-n", "-x", "lock", "true");
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void dfShowsASizeForTheMount() {
        String[] lines = ok("df", "-B1", "--output=source,fstype,size,avail,target", m.dir().toString()).out().split("\n");
        assertEquals(2, lines.length, String.join("\n", lines));
        String[] f = lines[1].trim().split("\\s+");
        assertTrue(f[0].startsWith("fluxfs#"), lines[1]);
        assertEquals("fuse.fluxfs", f[1]);
        assertTrue(Long.parseLong(f[2]) > (1L << 40), "size " + f[2]);
        assertTrue(Long.parseLong(f[3]) > (1L << 40), "avail " + f[3]);
        assertEquals(m.dir().toString(), f[4]);
        assertTrue(ok("df", "-h", m.dir().toString()).out().contains(m.dir().toString()));
    }

    @Test
    void userXattrsViaSetfattrSurviveRemount() throws Exception {
        Files.writeString(m.dir().resolve("f"), "x");
        ok("mkdir", "d");
        ok("setfattr", "-n", "user.color", "-v", "blue", "f");
        ok("setfattr", "-n", "user.empty", "f");
        ok("setfattr", "-n", "user.bin", "-v", "0x00ff10", "f");
        ok("setfattr", "-n", "user.gone", "-v", "soon", "f");
        ok("setfattr", "-x", "user.gone", "f");
        ok("setfattr", "-n", "user.on-dir", "-v", "yes", "d");
        String want = "# file: f\nuser.bin=0x00ff10\nuser.color=0x626c7565\nuser.empty=0x\n\n";
        assertEquals(want, ok("getfattr", "-d", "-e", "hex", "f").out());
        m.remount();
        assertEquals(want, ok("getfattr", "-d", "-e", "hex", "f").out());
        assertEquals("blue", ok("getfattr", "--only-values", "-n", "user.color", "f").out());
        Sh.Result gone = sh("getfattr", "-n", "user.gone", "f");
        assertTrue(gone.err().contains("No such attribute"), gone::toString);
        assertEquals("yes", ok("getfattr", "--only-values", "-n", "user.on-dir", "d").out());
        assertEquals("x", Files.readString(m.dir().resolve("f")), "xattrs leave the content alone");
    }
}
