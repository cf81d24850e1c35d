package io.fluxfs.engine.core;

import io.fluxfs.engine.format.S3fsMetadata;
import io.fluxfs.engine.fs.Created;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.FsError;
import io.fluxfs.engine.fs.InodeAttr;
import io.fluxfs.engine.fs.OpenFlags;
import io.fluxfs.engine.fs.SetAttr;
import io.fluxfs.engine.fs.StatFs;
import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.ObjectMeta;
import io.fluxfs.engine.store.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.fluxfs.engine.core.EngineFixture.ME;
import static io.fluxfs.engine.core.EngineFixture.errorOf;
import static io.fluxfs.engine.core.EngineFixture.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the engine promises, through its API, whatever store is behind it. Subclasses give a fresh,
 * empty bucket per test: the strict in-memory store, or a real S3 server.
 */
abstract class FileSystemContract {

    @TempDir
    Path staging;
    ObjectStore store;
    EngineFixture fx;

    /** A store over a fresh, empty bucket. */
    protected abstract ObjectStore newStore();

    @BeforeEach
    void mountEngine() {
        store = newStore();
        fx = new EngineFixture(store, staging);
    }

    @AfterEach
    void unmountEngine() {
        fx.close();
        store.close();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    ObjectMeta head(String key) {
        return join(store.head(key));
    }

    byte[] object(String key) {
        ByteBuffer b = join(store.get(key, null, null)).data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    // ------------------------------------------------------------ files

    @Test
    void writtenFileIsAPlainObjectWithS3fsHeaders() {
        fx.write("/hello.txt", "hello".getBytes(StandardCharsets.UTF_8));
        ObjectMeta m = head("hello.txt");
        assertEquals(5, m.size());
        assertEquals("33188", m.userMetadata().get("mode"), "0644 regular file in s3fs's decimal form");
        assertEquals("1000", m.userMetadata().get("uid"));
        assertEquals("1000", m.userMetadata().get("gid"));
        assertTrue(m.userMetadata().containsKey("mtime"));
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), object("hello.txt"));
    }

    @Test
    void emptyFileIsStoredAtClose() {
        fx.write("/empty", new byte[0]);
        assertEquals(0, head("empty").size());
        assertEquals(0, fx.stat("/empty").size());
    }

    @Test
    void dataSurvivesRemount() {
        byte[] data = bytes(3 * 1024 * 1024 + 17, 1);
        fx.write("/a.bin", data);
        fx.remount();
        assertArrayEquals(data, fx.read("/a.bin"));
        assertEquals(data.length, fx.stat("/a.bin").size());
    }

    @Test
    void largeFileGoesUpInPartsAndReadsBackExactly() {
        byte[] data = bytes(21 * 1024 * 1024 + 5, 2);
        fx.write("/big.bin", data);
        assertEquals(data.length, head("big.bin").size());
        fx.remount();
        assertArrayEquals(data, fx.read("/big.bin"));
    }

    @Test
    void overwriteInPlaceKeepsTheRest() {
        byte[] data = bytes(100_000, 3);
        fx.write("/f", data);
        fx.remount();
        long h = join(fx.paths.open("/f", OpenFlags.READ_WRITE));
        join(fx.fs.write(FileSystem.BY_HANDLE, h, 50_000, ByteBuffer.wrap(new byte[] {1, 2, 3})));
        join(fx.fs.release(FileSystem.BY_HANDLE, h));
        byte[] expected = data.clone();
        expected[50_000] = 1;
        expected[50_001] = 2;
        expected[50_002] = 3;
        assertArrayEquals(expected, object("f"));
    }

    @Test
    void appendAddsAtTheEnd() {
        fx.write("/log", "one\n".getBytes(StandardCharsets.UTF_8));
        long h = join(fx.paths.open("/log", new OpenFlags(false, true, false, true, false)));
        join(fx.fs.write(FileSystem.BY_HANDLE, h, 0, ByteBuffer.wrap("two\n".getBytes(StandardCharsets.UTF_8))));
        join(fx.fs.release(FileSystem.BY_HANDLE, h));
        assertEquals("one\ntwo\n", new String(object("log"), StandardCharsets.UTF_8));
    }

    @Test
    void truncateDownAndUp() {
        fx.write("/t", bytes(10_000, 4));
        join(fx.paths.setattr("/t", SetAttr.truncate(100), FileSystem.NO_HANDLE, ME));
        assertEquals(100, head("t").size());
        join(fx.paths.setattr("/t", SetAttr.truncate(300), FileSystem.NO_HANDLE, ME));
        byte[] got = object("t");
        assertEquals(300, got.length);
        assertArrayEquals(Arrays.copyOf(bytes(10_000, 4), 100), Arrays.copyOf(got, 100));
        assertArrayEquals(new byte[200], Arrays.copyOfRange(got, 100, 300), "a grown file reads zeros");
    }

    @Test
    void scpPatternShrinksAnOpenFileWithoutOTrunc() {
        fx.write("/v.bin", bytes(5 * 1024 * 1024, 5));
        byte[] fresh = bytes(3 * 1024 * 1024, 6);
        long h = join(fx.paths.open("/v.bin", OpenFlags.WRITE_ONLY));
        // out-of-order writes, as SFTP sends them
        join(fx.fs.write(FileSystem.BY_HANDLE, h, 1 << 20, ByteBuffer.wrap(fresh, 1 << 20, fresh.length - (1 << 20))));
        join(fx.fs.write(FileSystem.BY_HANDLE, h, 0, ByteBuffer.wrap(fresh, 0, 1 << 20)));
        join(fx.fs.setattr(FileSystem.BY_HANDLE, SetAttr.truncate(fresh.length), h, ME));
        join(fx.fs.setattr(FileSystem.BY_HANDLE, SetAttr.chmod(0600), h, ME));
        join(fx.fs.setattr(FileSystem.BY_HANDLE, SetAttr.times(1_700_000_000_000_000_000L, 1_600_000_000_000_000_000L), h, ME));
        join(fx.fs.flush(FileSystem.BY_HANDLE, h));
        join(fx.fs.release(FileSystem.BY_HANDLE, h));
        assertArrayEquals(fresh, object("v.bin"));
        fx.remount();
        InodeAttr a = fx.stat("/v.bin");
        assertEquals(0600, a.permissions());
        assertEquals(1_600_000_000_000_000_000L, a.mtimeNanos());
        assertEquals(fresh.length, a.size());
    }

    @Test
    void sparseWriteFillsTheGapWithZeros() {
        Created c = join(fx.paths.create("/sparse", 0644, OpenFlags.WRITE_ONLY, ME));
        join(fx.fs.write(FileSystem.BY_HANDLE, c.handle(), 1_000_000, ByteBuffer.wrap(new byte[] {9})));
        join(fx.fs.release(FileSystem.BY_HANDLE, c.handle()));
        byte[] got = object("sparse");
        assertEquals(1_000_001, got.length);
        assertEquals(9, got[1_000_000]);
        assertEquals(0, got[999_999]);
    }

    @Test
    void readsWithinAnOpenDirtyFileSeeTheNewBytes() {
        Created c = join(fx.paths.create("/rw", 0644, OpenFlags.READ_WRITE, ME));
        join(fx.fs.write(FileSystem.BY_HANDLE, c.handle(), 0, ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8))));
        assertEquals(3, fx.stat("/rw").size());
        ByteBuffer b = join(fx.fs.read(FileSystem.BY_HANDLE, c.handle(), 1, 10));
        assertEquals("bc", StandardCharsets.UTF_8.decode(b).toString());
        join(fx.fs.release(FileSystem.BY_HANDLE, c.handle()));
    }

    @Test
    void createExclusiveOfAnExistingNameFails() {
        fx.write("/x", new byte[] {1});
        assertEquals(FsError.EEXIST, errorOf(() -> join(fx.paths.create("/x", 0644,
                new OpenFlags(false, true, false, false, true), ME))));
    }

    @Test
    void unlinkRemovesTheObject() {
        fx.write("/gone", new byte[] {1});
        join(fx.paths.unlink("/gone"));
        assertEquals(FsError.ENOENT, errorOf(() -> fx.stat("/gone")));
        assertTrue(join(store.list(new io.fluxfs.engine.store.ListRequest("gone", null, null, 10))).objects().isEmpty());
    }

    @Test
    void missingNameIsENOENT() {
        assertEquals(FsError.ENOENT, errorOf(() -> fx.stat("/nope")));
        assertEquals(FsError.ENOENT, errorOf(() -> fx.stat("/no/such/dir")));
    }

    @Test
    void nameTooLongForAKeyIsENAMETOOLONG() {
        String dir = "/" + "d".repeat(250);
        String deep = dir + dir + dir + dir + "/" + "f".repeat(100);
        join(fx.paths.mkdir(dir, 0755, ME));
        join(fx.paths.mkdir(dir + dir, 0755, ME));
        join(fx.paths.mkdir(dir + dir + dir, 0755, ME));
        join(fx.paths.mkdir(dir + dir + dir + dir, 0755, ME));
        assertEquals(FsError.ENAMETOOLONG, errorOf(() -> join(fx.paths.create(deep, 0644, OpenFlags.WRITE_ONLY, ME))));
        assertEquals(FsError.ENAMETOOLONG, errorOf(() -> fx.stat("/" + "n".repeat(256))));
    }

    // ------------------------------------------------------------ directories

    @Test
    void mkdirWritesAMarkerAndRmdirRemovesIt() {
        join(fx.paths.mkdir("/d", 0755, ME));
        ObjectMeta m = head("d/");
        assertEquals("16877", m.userMetadata().get("mode"));
        assertTrue(S3fsMetadata.isDirectoryContentType(m.contentType()));
        assertTrue(fx.stat("/d").isDirectory());
        join(fx.paths.rmdir("/d"));
        assertEquals(FsError.ENOENT, errorOf(() -> fx.stat("/d")));
    }

    @Test
    void rmdirOfANonEmptyDirectoryIsENOTEMPTY() {
        join(fx.paths.mkdir("/d", 0755, ME));
        fx.write("/d/f", new byte[] {1});
        fx.remount();
        assertEquals(FsError.ENOTEMPTY, errorOf(() -> join(fx.paths.rmdir("/d"))));
        assertEquals(FsError.ENOTDIR, errorOf(() -> join(fx.paths.rmdir("/d/f"))));
        assertEquals(FsError.EEXIST, errorOf(() -> join(fx.paths.mkdir("/d", 0755, ME))));
    }

    @Test
    void implicitDirectoriesFromOtherToolsAreDirectories() {
        join(store.put("a/b/c.txt", ByteBuffer.wrap(new byte[] {1, 2}), ObjectAttributes.NONE));
        InodeAttr a = fx.stat("/a/b");
        assertTrue(a.isDirectory());
        assertEquals(0755, a.permissions(), "0755 & ~022");
        assertEquals(List.of("b"), fx.list("/a"));
        InodeAttr f = fx.stat("/a/b/c.txt");
        assertTrue(f.isRegular());
        assertEquals(2, f.size());
        assertEquals(1000, f.uid(), "a plain object belongs to the mount's owner");
    }

    @Test
    void readdirPagesThroughManyEntriesAndMergesLocalFiles() {
        join(fx.paths.mkdir("/many", 0755, ME));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1203; i++) {
            String k = String.format("many/f%05d", i);
            join(store.put(k, ByteBuffer.wrap(new byte[] {1}), ObjectAttributes.NONE));
            expected.add(k.substring(5));
        }
        join(store.put("many/sub/x", ByteBuffer.wrap(new byte[0]), ObjectAttributes.NONE));
        expected.add("sub");
        Created open = join(fx.paths.create("/many/zz-local", 0644, OpenFlags.WRITE_ONLY, ME));
        expected.add("zz-local");
        fx.advance(fx.ttl.multipliedBy(2));
        List<String> got = fx.list("/many");
        assertEquals(expected.stream().sorted().toList(), got.stream().sorted().toList());
        join(fx.fs.release(FileSystem.BY_HANDLE, open.handle()));
    }

    @Test
    void renameDirectoryMovesEveryKeyUnderIt() {
        join(fx.paths.mkdir("/src", 0750, ME));
        join(fx.paths.mkdir("/src/inner", 0755, ME));
        fx.write("/src/a", "A".getBytes(StandardCharsets.UTF_8));
        fx.write("/src/inner/b", "B".getBytes(StandardCharsets.UTF_8));
        join(fx.paths.rename("/src", "/dst", false));
        assertEquals(FsError.ENOENT, errorOf(() -> fx.stat("/src")));
        assertEquals("A", new String(fx.read("/dst/a"), StandardCharsets.UTF_8));
        assertEquals("B", new String(object("dst/inner/b"), StandardCharsets.UTF_8));
        assertEquals("16872", head("dst/").userMetadata().get("mode"), "the marker keeps its mode 0750");
        assertTrue(join(store.list(new io.fluxfs.engine.store.ListRequest("src", null, null, 10))).objects().isEmpty());
        fx.remount();
        assertEquals(List.of("a", "inner"), fx.list("/dst").stream().sorted().toList());
    }

    @Test
    void renameIntoItselfIsEINVAL() {
        join(fx.paths.mkdir("/p", 0755, ME));
        join(fx.paths.mkdir("/p/q", 0755, ME));
        assertEquals(FsError.EINVAL, errorOf(() -> join(fx.paths.rename("/p", "/p/q/r", false))));
    }

    // ------------------------------------------------------------ rename of files

    @Test
    void renameOverAnExistingFileReplacesIt() {
        fx.write("/.f.tmp", "new".getBytes(StandardCharsets.UTF_8));
        fx.write("/f", "old".getBytes(StandardCharsets.UTF_8));
        join(fx.paths.rename("/.f.tmp", "/f", false));
        assertEquals("new", new String(fx.read("/f"), StandardCharsets.UTF_8));
        assertEquals(FsError.ENOENT, errorOf(() -> fx.stat("/.f.tmp")));
        fx.remount();
        assertEquals("new", new String(fx.read("/f"), StandardCharsets.UTF_8));
        assertEquals(FsError.ENOENT, errorOf(() -> fx.stat("/.f.tmp")));
    }

    @Test
    void renameNoReplaceRefusesAnExistingTarget() {
        fx.write("/a", new byte[] {1});
        fx.write("/b", new byte[] {2});
        assertEquals(FsError.EEXIST, errorOf(() -> join(fx.paths.rename("/a", "/b", true))));
        assertArrayEquals(new byte[] {2}, fx.read("/b"));
    }

    @Test
    void renameKeepsModeAndTimes() {
        fx.write("/m", new byte[] {1});
        join(fx.paths.setattr("/m", SetAttr.chmod(0600), FileSystem.NO_HANDLE, ME));
        join(fx.paths.setattr("/m", SetAttr.times(null, 1_500_000_000_000_000_000L), FileSystem.NO_HANDLE, ME));
        join(fx.paths.rename("/m", "/n", false));
        fx.remount();
        InodeAttr a = fx.stat("/n");
        assertEquals(0600, a.permissions());
        assertEquals(1_500_000_000_000_000_000L, a.mtimeNanos());
    }

    @Test
    void fileOverDirectoryAndDirectoryOverFileAreRefused() {
        fx.write("/file", new byte[] {1});
        join(fx.paths.mkdir("/dir", 0755, ME));
        assertEquals(FsError.EISDIR, errorOf(() -> join(fx.paths.rename("/file", "/dir", false))));
        assertEquals(FsError.ENOTDIR, errorOf(() -> join(fx.paths.rename("/dir", "/file", false))));
    }

    // ------------------------------------------------------------ metadata

    @Test
    void chmodChownUtimensSurviveRemount() {
        fx.write("/meta", new byte[] {1});
        join(fx.paths.setattr("/meta", SetAttr.chmod(0751), FileSystem.NO_HANDLE, ME));
        join(fx.paths.setattr("/meta", SetAttr.chown(2000, 3000), FileSystem.NO_HANDLE, ME));
        join(fx.paths.setattr("/meta", SetAttr.times(1_000_000_000_123_456_789L, 1_100_000_000_987_654_321L),
                FileSystem.NO_HANDLE, ME));
        fx.remount();
        InodeAttr a = fx.stat("/meta");
        assertEquals(0751, a.permissions());
        assertTrue(a.isRegular());
        assertEquals(2000, a.uid());
        assertEquals(3000, a.gid());
        assertEquals(1_100_000_000_987_654_321L, a.mtimeNanos());
        assertEquals(1_000_000_000_123_456_789L, a.atimeNanos());
        assertArrayEquals(new byte[] {1}, fx.read("/meta"), "a metadata change keeps the bytes");
    }

    @Test
    void chmodKeepsAnotherToolsContentType() {
        join(store.put("page.html", ByteBuffer.wrap("<p>".getBytes(StandardCharsets.UTF_8)),
                new ObjectAttributes("text/html", Map.of())));
        join(fx.paths.setattr("/page.html", SetAttr.chmod(0600), FileSystem.NO_HANDLE, ME));
        assertEquals("text/html", head("page.html").contentType());
        assertEquals("33152", head("page.html").userMetadata().get("mode"));
    }

    @Test
    void ourFilesKeepTheirContentTypeThroughMetadataChanges() {
        fx.write("/ours.bin", new byte[] {1});
        String before = head("ours.bin").contentType();
        join(fx.paths.setattr("/ours.bin", SetAttr.chmod(0600), FileSystem.NO_HANDLE, ME));
        assertEquals("application/octet-stream", before);
        assertEquals(before, head("ours.bin").contentType());
    }

    @Test
    void chmodOfAnImplicitDirectoryWritesItsMarker() {
        join(store.put("imp/x", ByteBuffer.wrap(new byte[0]), ObjectAttributes.NONE));
        join(fx.paths.setattr("/imp", SetAttr.chmod(0700), FileSystem.NO_HANDLE, ME));
        assertEquals(String.valueOf(InodeAttr.S_IFDIR | 0700), head("imp/").userMetadata().get("mode"));
    }

    @Test
    void symlinkStoresItsTargetAsTheBody() {
        join(fx.paths.symlink("../target/file", "/link", ME));
        ObjectMeta m = head("link");
        assertEquals("41471", m.userMetadata().get("mode"));
        assertEquals("../target/file", new String(object("link"), StandardCharsets.UTF_8));
        fx.remount();
        assertTrue(fx.stat("/link").isSymlink());
        assertEquals("../target/file", join(fx.paths.readlink("/link")));
        assertEquals(FsError.EINVAL, errorOf(() -> join(fx.paths.readlink("/"))));
    }

    @Test
    void hardLinksAreRefusedWithEPERM() {
        fx.write("/orig", new byte[] {1});
        assertEquals(FsError.EPERM, errorOf(() -> join(fx.paths.link("/orig", "/other"))));
        assertEquals(FsError.ENOENT, errorOf(() -> fx.stat("/other")));
    }

    @Test
    void mknodMakesFifosAndSockets() {
        join(fx.paths.mknod("/fifo", InodeAttr.S_IFIFO | 0644, ME));
        join(fx.paths.mknod("/sock", InodeAttr.S_IFSOCK | 0600, ME));
        fx.remount();
        assertEquals(InodeAttr.S_IFIFO, fx.stat("/fifo").type());
        assertEquals(InodeAttr.S_IFSOCK, fx.stat("/sock").type());
        assertEquals(0, head("fifo").size());
    }

    @Test
    void xattrsRoundTripThroughTheStore() {
        fx.write("/x", new byte[] {1});
        byte[] bin = {0, (byte) 0xff, 10, 13};
        join(fx.paths.setxattr("/x", "user.bin", bin, FileSystem.XattrMode.UPSERT));
        join(fx.paths.setxattr("/x", "user.text", "hi".getBytes(StandardCharsets.UTF_8), FileSystem.XattrMode.CREATE_ONLY));
        assertEquals(FsError.EEXIST, errorOf(() -> join(fx.paths.setxattr("/x", "user.text", new byte[] {1},
                FileSystem.XattrMode.CREATE_ONLY))));
        assertEquals(FsError.ENODATA, errorOf(() -> join(fx.paths.setxattr("/x", "user.none", new byte[] {1},
                FileSystem.XattrMode.REPLACE_ONLY))));
        fx.remount();
        assertArrayEquals(bin, join(fx.paths.getxattr("/x", "user.bin")));
        assertEquals(List.of("user.bin", "user.text"), join(fx.paths.listxattr("/x")));
        join(fx.paths.removexattr("/x", "user.bin"));
        assertEquals(FsError.ENODATA, errorOf(() -> join(fx.paths.getxattr("/x", "user.bin"))));
        assertEquals(FsError.ENODATA, errorOf(() -> join(fx.paths.removexattr("/x", "user.bin"))));
        assertEquals(FsError.ENOTSUP, errorOf(() -> join(fx.paths.setxattr("/x", "system.posix_acl_access",
                new byte[] {1}, FileSystem.XattrMode.UPSERT))));
    }

    @Test
    void xattrThatDoesNotFitInTheHeadersIsENOSPC() {
        fx.write("/h", new byte[] {1});
        assertEquals(FsError.ENOSPC, errorOf(() -> join(fx.paths.setxattr("/h", "user.huge", new byte[4096],
                FileSystem.XattrMode.UPSERT))));
        assertFalse(head("h").userMetadata().containsKey("xattr"));
    }

    @Test
    void statfsReportsSpace() {
        StatFs s = join(fx.paths.statfs());
        assertTrue(s.blocksAvailable() > 0);
        assertEquals(255, s.nameMax());
    }

    // ------------------------------------------------------------ other clients

    @Test
    void changesByAnotherClientAreSeenAfterTheTtl() {
        fx.write("/shared", "v1".getBytes(StandardCharsets.UTF_8));
        join(store.put("shared", ByteBuffer.wrap("version2".getBytes(StandardCharsets.UTF_8)), ObjectAttributes.NONE));
        assertEquals(2, fx.stat("/shared").size(), "within the TTL the cached size stands");
        fx.advance(fx.ttl.plusSeconds(1));
        assertEquals(8, fx.stat("/shared").size());
        assertEquals("version2", new String(fx.read("/shared"), StandardCharsets.UTF_8));
        join(store.delete("shared"));
        fx.advance(fx.ttl.plusSeconds(1));
        assertEquals(FsError.ENOENT, errorOf(() -> fx.stat("/shared")));
    }

    @Test
    void negativeEntriesExpire() {
        assertEquals(FsError.ENOENT, errorOf(() -> fx.stat("/later")));
        join(store.put("later", ByteBuffer.wrap(new byte[] {1}), ObjectAttributes.NONE));
        assertEquals(FsError.ENOENT, errorOf(() -> fx.stat("/later")), "negative entry within the TTL");
        fx.advance(fx.ttl.plusSeconds(1));
        assertEquals(1, fx.stat("/later").size());
    }

    @Test
    void overwriteBehindAnOpenHandleGivesESTALENotMixedBytes() {
        byte[] v1 = bytes(4 * 1024 * 1024, 7);
        fx.write("/moving", v1);
        fx.remount();
        long h = join(fx.paths.open("/moving", OpenFlags.READ_ONLY));
        ByteBuffer first = join(fx.fs.read(FileSystem.BY_HANDLE, h, 0, 4096));
        assertEquals(v1[0], first.get(0));
        join(store.put("moving", ByteBuffer.wrap(bytes(4 * 1024 * 1024, 8)), ObjectAttributes.NONE));
        assertEquals(FsError.ESTALE, errorOf(() -> join(fx.fs.read(FileSystem.BY_HANDLE, h, 3 * 1024 * 1024, 4096))));
        join(fx.fs.release(FileSystem.BY_HANDLE, h));
    }

    @Test
    void readingAZeroByteObjectFromAnotherTool() {
        join(store.put("zero", ByteBuffer.allocate(0), ObjectAttributes.NONE));
        assertArrayEquals(new byte[0], fx.read("/zero"));
    }

    @Test
    void rangeReadsHitOnlyWhatIsAsked() {
        byte[] data = bytes(3 * 1024 * 1024, 9);
        fx.write("/r", data);
        fx.remount();
        long h = join(fx.paths.open("/r", OpenFlags.READ_ONLY));
        ByteBuffer b = join(fx.fs.read(FileSystem.BY_HANDLE, h, 2_000_000, 10));
        byte[] got = new byte[b.remaining()];
        b.get(got);
        assertArrayEquals(Arrays.copyOfRange(data, 2_000_000, 2_000_010), got);
        ByteBuffer past = join(fx.fs.read(FileSystem.BY_HANDLE, h, data.length + 5, 10));
        assertEquals(0, past.remaining());
        join(fx.fs.release(FileSystem.BY_HANDLE, h));
    }
}
