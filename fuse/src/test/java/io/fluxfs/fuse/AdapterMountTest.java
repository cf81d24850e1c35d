package io.fluxfs.fuse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter through a real FUSE mount of the in-memory filesystem, driven by ordinary tools. */
class AdapterMountTest {

    @RegisterExtension
    final MountExtension mount = MountExtension.of(InMemoryFileSystem::new).opTimeout(Duration.ofSeconds(2));

    private Path dir() {
        return mount.dir();
    }

    private Sh.Result sh(String... cmd) {
        return Sh.run(dir(), cmd);
    }

    private Sh.Result ok(String... cmd) {
        Sh.Result r = sh(cmd);
        assertEquals(0, r.exit(), () -> String.join(" ", cmd) + " failed: " + r);
        return r;
    }

    @Test
    void lsListsWhatMkdirAndCreateMade() throws Exception {
        ok("mkdir", "sub");
        Files.writeString(dir().resolve("hello.txt"), "hi\n");
        String ls = ok("ls", "-1a").out();
        assertEquals(".\n..\nhello.txt\nsub\n", ls);
        assertEquals("directory", ok("stat", "-c", "%F", "sub").out().trim());
    }

    @Test
    void statShowsSizeModeBlocksInodeAndNanosecondTimes() throws Exception {
        Files.write(dir().resolve("f"), new byte[5000]);
        ok("chmod", "640", "f");
        ok("touch", "-m", "-d", "2001-02-03 04:05:06.123456789 UTC", "f");
        String[] s = ok("stat", "-c", "%s %a %b %B %o %h %F", "f").out().trim().split(" ", 7);
        assertEquals("5000", s[0]);
        assertEquals("640", s[1]);
        assertEquals("10", s[2], "st_blocks in 512-byte units");
        assertEquals("512", s[3]);
        assertEquals(String.valueOf(JnrFuseAdapter.BLKSIZE), s[4]);
        assertEquals("1", s[5]);
        assertEquals("regular file", s[6]);
        assertEquals("981173106.123456789", ok("env", "TZ=UTC", "stat", "-c", "%.9Y", "f").out().trim());
    }

    @Test
    void touchOfMtimeOnlyLeavesAtime() throws Exception {
        Files.write(dir().resolve("f"), new byte[1]);
        ok("touch", "-a", "-d", "2010-01-01 00:00:00 UTC", "f");
        ok("touch", "-m", "-d", "2020-01-01 00:00:00 UTC", "f");
        assertEquals("1262304000 1577836800", ok("stat", "-c", "%X %Y", "f").out().trim());
    }

    @Test
    void catAndDdReadBackWhatWasWritten() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        Path local = Files.createTempFile("fluxfs-src", ".bin");
        try {
            Files.write(local, data);
            ok("dd", "if=" + local, "of=big.bin", "bs=1M", "status=none");
            assertArrayEquals(data, Files.readAllBytes(dir().resolve("big.bin")));
            assertEquals(0, sh("cmp", local.toString(), "big.bin").exit());
            Files.writeString(dir().resolve("small"), "contents\n");
            assertEquals("contents\n", ok("cat", "small").out());
        } finally {
            Files.delete(local);
        }
    }

    @Test
    void truncateShrinksAndGrows() throws Exception {
        Files.writeString(dir().resolve("t"), "abcdef");
        ok("truncate", "-s", "3", "t");
        assertEquals("abc", Files.readString(dir().resolve("t")));
        ok("truncate", "-s", "5", "t");
        assertArrayEquals(new byte[] {'a', 'b', 'c', 0, 0}, Files.readAllBytes(dir().resolve("t")));
    }

    @Test
    void missingFileIsNoSuchFileOrDirectory() {
        Sh.Result r = sh("cat", "missing");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("No such file or directory"), r::toString);
        assertTrue(mount.adapter().counters().get("errors.getattr.ENOENT") > 0);
    }

    @Test
    void rmdirOfNonEmptyDirectoryIsDirectoryNotEmpty() throws Exception {
        ok("mkdir", "d");
        Files.writeString(dir().resolve("d/x"), "x");
        Sh.Result r = sh("rmdir", "d");
        assertTrue(r.err().contains("Directory not empty"), r::toString);
        ok("rm", "d/x");
        ok("rmdir", "d");
        assertEquals("", ok("ls", "-1").out());
    }

    @Test
    void mkdirOverExistingNameIsFileExists() {
        ok("mkdir", "d");
        Sh.Result r = sh("mkdir", "d");
        assertTrue(r.err().contains("File exists"), r::toString);
    }

    @Test
    void renameReplacesTheTarget() throws Exception {
        Files.writeString(dir().resolve("a"), "new");
        Files.writeString(dir().resolve("b"), "old");
        ok("mv", "a", "b");
        assertEquals("new", Files.readString(dir().resolve("b")));
        assertEquals("b\n", ok("ls", "-1").out());
    }

    @Test
    void symlinkReadsBack() {
        ok("ln", "-s", "some/where", "l");
        assertEquals("some/where\n", ok("readlink", "l").out());
        assertEquals("symbolic link", ok("stat", "-c", "%F", "l").out().trim());
    }

    @Test
    void hardLinkRefusalIsOperationNotPermitted() throws Exception {
        Files.writeString(dir().resolve("a"), "x");
        Sh.Result r = sh("ln", "a", "b");
        assertTrue(r.err().contains("Operation not permitted"), r::toString);
    }

    @Test
    void xattrsRoundTripWithSizeProbing() throws Exception {
        Path f = Files.writeString(dir().resolve("x"), "x");
        UserDefinedFileAttributeView view = Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
        view.write("color", StandardCharsets.UTF_8.encode("blue"));
        view.write("empty", ByteBuffer.allocate(0));
        assertEquals(java.util.List.of("color", "empty"), view.list());
        assertEquals(4, view.size("color"), "getxattr with size 0 answers the length");
        ByteBuffer tooSmall = ByteBuffer.allocate(2);
        ByteBuffer buf = ByteBuffer.allocate(16);
        view.read("color", buf);
        assertEquals("blue", new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
        view.delete("color");
        assertEquals(java.util.List.of("empty"), view.list());
        java.nio.file.FileSystemException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.nio.file.FileSystemException.class, () -> view.read("color", tooSmall));
        assertTrue(e.getMessage().contains("No data available"), e::getMessage);
    }

    @Test
    void largeDirectoriesArePagedThrough() throws Exception {
        int n = JnrFuseAdapter.READDIR_PAGE * 2 + 7;
        StringBuilder script = new StringBuilder("for i in $(seq 1 " + n + "); do : > f$i; done");
        ok("sh", "-c", script.toString());
        assertEquals(String.valueOf(n), ok("sh", "-c", "ls -1 | wc -l").out().trim());
        assertTrue(mount.adapter().counters().get("calls.readdir") >= 3, "one engine call per page");
    }

    @Test
    void statfsReportsBlockSizeAndNameMax() {
        assertEquals("4096 255", ok("stat", "-f", "-c", "%S %l", ".").out().trim());
    }

    @Test
    void fallocateIsNotImplementedAndCounted() throws Exception {
        Files.writeString(dir().resolve("f"), "x");
        Sh.Result r = sh("fallocate", "-l", "1M", "f");
        assertNotEquals(0, r.exit(), r::toString);
        assertEquals(1, mount.adapter().counters().get("enosys.fallocate"));
    }

    @Test
    void aStalledEngineCallTimesOutWithEtimedout() throws Exception {
        // Nothing was created before: no asynchronous release can take the stalled call.
        InMemoryFileSystem fs = mount.fs();
        fs.stallNext(1);
        // Run from outside the mount: a process whose cwd is the mount stats it on exec.
        Sh.Result r = Sh.run(dir().getParent(), "cat", dir().resolve("f2").toString());
        assertTrue(r.err().contains("Connection timed out"), r::toString);
        assertEquals(1, mount.adapter().counters().snapshot().entrySet().stream()
                .filter(e -> e.getKey().startsWith("timeouts.")).mapToLong(java.util.Map.Entry::getValue).sum());
        Files.writeString(dir().resolve("f"), "x");
        assertEquals("x", ok("cat", "f").out(), "the mount keeps working");
    }

    @Test
    void anUnexpectedEngineExceptionIsEio() throws Exception {
        InMemoryFileSystem fs = mount.fs();
        fs.throwNext(new IllegalStateException("bug in the engine"));
        Sh.Result r = Sh.run(dir().getParent(), "stat", dir().resolve("nothing-cached").toString());
        assertTrue(r.err().contains("Input/output error"), r::toString);
        assertEquals(1, mount.adapter().counters().snapshot().entrySet().stream()
                .filter(e -> e.getKey().startsWith("unexpected.")).mapToLong(java.util.Map.Entry::getValue).sum());
    }

    /** flock is not implemented by the adapter: the kernel keeps BSD locks locally, per mount. */
    @Test
    void flockExcludesASecondProcess() throws Exception {
        Files.writeString(dir().resolve("lock"), "");
        Process holder = new ProcessBuilder("flock", "-x", "lock", "sh", "-c", "echo locked; cat")
                .directory(dir().toFile()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }).get(30, TimeUnit.SECONDS);
            assertEquals("locked", line);
            assertEquals(1, sh("flock", "-n", "-x", "lock", "true").exit(), "a second process must not get the lock");
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, sh("flock", "-n", "-x", "lock", "true").exit(), "free again after the holder exits");
        } finally {
            holder.destroyForcibly();
        }
    }
}
