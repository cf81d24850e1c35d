package io.fluxfs.engine.format;

import static io.fluxfs.engine.fs.InodeAttr.S_IFBLK;
import static io.fluxfs.engine.fs.InodeAttr.S_IFCHR;
import static io.fluxfs.engine.fs.InodeAttr.S_IFDIR;
import static io.fluxfs.engine.fs.InodeAttr.S_IFIFO;
import static io.fluxfs.engine.fs.InodeAttr.S_IFLNK;
import static io.fluxfs.engine.fs.InodeAttr.S_IFREG;
import static io.fluxfs.engine.fs.InodeAttr.S_IFSOCK;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class S3fsMetadataTest {
    private static final MountDefaults MOUNT = new MountDefaults(1000, 2000, 022);
    private static final Instant LAST_MODIFIED = Instant.ofEpochSecond(1_700_000_000L, 123_000_000);
    private static final long LAST_MODIFIED_NANOS = 1_700_000_000_123_000_000L;
    private static final long T = 1_718_000_000_000_000_000L;

    private static PosixMeta meta(int mode) {
        return new PosixMeta(mode, 1000, 1000, T, T, T, Map.of());
    }

    private static PosixMeta decodeFile(Map<String, String> headers) {
        return S3fsMetadata.decode("a/b", null, headers, LAST_MODIFIED, MOUNT);
    }

    // ---- writing ----

    @Test
    void writesTheSpecModeExamples() {
        assertEquals("33188", S3fsMetadata.encode(meta(S_IFREG | 0644)).get("mode"));
        assertEquals("16877", S3fsMetadata.encode(meta(S_IFDIR | 0755)).get("mode"));
        assertEquals("41471", S3fsMetadata.encode(meta(S_IFLNK | 0777)).get("mode"));
    }

    @Test
    void writesExactlyTheSixS3fsHeadersWithoutXattrs() {
        PosixMeta m = new PosixMeta(S_IFREG | 0644, 1000, 1001, T + 5, T + 123_456_789, T, Map.of());
        assertEquals(Map.of("mode", "33188", "uid", "1000", "gid", "1001", "mtime", "1718000000.123456789",
                "ctime", "1718000000", "atime", "1718000000.000000005"), S3fsMetadata.encode(m));
    }

    @Test
    void writesTheXattrHeaderOnlyWhenThereAreXattrs() {
        PosixMeta m = meta(S_IFREG | 0644).withXattrs(Map.of("user.k", "val".getBytes(UTF_8)));
        Map<String, String> h = S3fsMetadata.encode(m);
        assertEquals("%7B%22user.k%22%3A%22dmFs%22%7D", h.get("xattr"));
        assertEquals(7, h.size());
        assertFalse(S3fsMetadata.encode(meta(S_IFREG | 0644)).containsKey("xattr"));
    }

    @Test
    void writesIdsUnsigned() {
        Map<String, String> h = S3fsMetadata.encode(meta(S_IFREG | 0644).withOwner(-2, -1));
        assertEquals("4294967294", h.get("uid"));
        assertEquals("4294967295", h.get("gid"));
    }

    @Test
    void writtenHeadersAreAcceptedAsUserMetadata() {
        PosixMeta m = meta(S_IFREG | 0644).withXattrs(Map.of("user.日本", new byte[] {0, 1, (byte) 0xff}));
        assertDoesNotThrow(() -> new io.fluxfs.engine.store.ObjectAttributes(
                S3fsMetadata.DIRECTORY_CONTENT_TYPE, S3fsMetadata.encode(m)));
    }

    // ---- reading: mode ----

    @ParameterizedTest(name = "mode \"{0}\" is 0{1}")
    @CsvSource(delimiter = '|', value = {"33188|100644", "0100644|100644", "0x81a4|100644", "16877|40755",
            "41471|120777", "4516|10644", "49588|140664"})
    void readsTheModeHeaderLikeStrtol(String header, String octal) {
        assertEquals(Integer.parseInt(octal, 8), decodeFile(Map.of("mode", header)).mode());
    }

    @Test
    void fallsBackThroughModeSourcesInOrder() {
        Map<String, String> h = new HashMap<>(Map.of("mode", "33261", "permissions", "33188",
                "goog-reserved-posix-mode", "600", "file-permissions", "0100444"));
        assertEquals(S_IFREG | 0755, decodeFile(h).mode());
        h.remove("mode");
        assertEquals(S_IFREG | 0644, decodeFile(h).mode());
        h.remove("permissions");
        assertEquals(S_IFREG | 0600, decodeFile(h).mode());
        h.remove("goog-reserved-posix-mode");
        assertEquals(S_IFREG | 0444, decodeFile(h).mode());
        h.remove("file-permissions");
        assertEquals(S_IFREG | 0640, decodeFile(h).mode());
    }

    @Test
    void readsS3syncPermissionsLikeStrtol() {
        assertEquals(S_IFREG | 0644, decodeFile(Map.of("permissions", "0644")).mode());
        assertEquals(S_IFREG | 0644, decodeFile(Map.of("permissions", "420")).mode());
    }

    @Test
    void readsGoogModeAsOctal() {
        assertEquals(S_IFREG | 0644, decodeFile(Map.of("goog-reserved-posix-mode", "644")).mode());
        assertEquals(S_IFDIR | 0755, S3fsMetadata.decode("d/", null, Map.of("goog-reserved-posix-mode", "755"),
                LAST_MODIFIED, MOUNT).mode());
    }

    @Test
    void readsDataSyncPermissionsAsOctalWithOrWithoutTypeBits() {
        assertEquals(S_IFREG | 0644, decodeFile(Map.of("file-permissions", "0644")).mode());
        assertEquals(S_IFREG | 0664, decodeFile(Map.of("file-permissions", "0100664")).mode());
        assertEquals(S_IFDIR | 0775, decodeFile(Map.of("file-permissions", "040775")).mode());
    }

    @ParameterizedTest(name = "mode \"{0}\" falls through")
    @ValueSource(strings = {"", "abc", "33188x", "0x", "99999999999", "-1", "65536", "1e5"})
    void garbageModeFallsThroughToTheNextSource(String garbage) {
        assertEquals(S_IFREG | 0600, decodeFile(Map.of("mode", garbage, "permissions", garbage,
                "goog-reserved-posix-mode", "600")).mode());
        assertEquals(S_IFREG | 0640, decodeFile(Map.of("mode", garbage)).mode());
    }

    @Test
    void withoutAnyModeFilesAre0640AndSlashKeysAre0750() {
        assertEquals(S_IFREG | 0640, decodeFile(Map.of()).mode());
        assertEquals(S_IFDIR | 0750, S3fsMetadata.decode("a/b/", null, Map.of(), LAST_MODIFIED, MOUNT).mode());
    }

    @Test
    void theUmaskIsNotAppliedToStoredOrFallbackModes() {
        MountDefaults strict = new MountDefaults(1, 1, 077);
        assertEquals(S_IFREG | 0666, S3fsMetadata.decode("f", null, Map.of("mode", "33206"), LAST_MODIFIED, strict).mode());
        assertEquals(S_IFREG | 0640, S3fsMetadata.decode("f", null, Map.of(), LAST_MODIFIED, strict).mode());
    }

    // ---- reading: type bits ----

    @ParameterizedTest(name = "content type \"{0}\" makes a directory")
    @ValueSource(strings = {"application/x-directory", "application/x-directory; charset=UTF-8",
            " Application/X-Directory ;charset=binary", "httpd/unix-directory"})
    void directoryContentTypeGivesDirectoryTypeBits(String contentType) {
        assertEquals(S_IFDIR | 0644, S3fsMetadata.decode("a/b", contentType, Map.of("mode", "0644"), LAST_MODIFIED, MOUNT).mode());
        assertEquals(S_IFDIR | 0640, S3fsMetadata.decode("a/b", contentType, Map.of(), LAST_MODIFIED, MOUNT).mode());
    }

    @ParameterizedTest(name = "content type \"{0}\" stays a file")
    @ValueSource(strings = {"application/octet-stream", "text/plain", "application/x-directoryx", "x-directory", ""})
    void otherContentTypesGiveRegularFiles(String contentType) {
        assertEquals(S_IFREG | 0644, S3fsMetadata.decode("a/b", contentType, Map.of("mode", "420"), LAST_MODIFIED, MOUNT).mode());
    }

    @Test
    void aTrailingSlashGivesDirectoryTypeBitsWhateverTheContentType() {
        assertEquals(S_IFDIR | 0755, S3fsMetadata.decode("a/b/", "application/octet-stream", Map.of("mode", "493"),
                LAST_MODIFIED, MOUNT).mode());
    }

    @Test
    void typeBitsInTheModeWin() {
        for (int type : new int[] {S_IFREG, S_IFDIR, S_IFLNK, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK}) {
            String mode = Integer.toString(type | 0600);
            assertEquals(type | 0600, S3fsMetadata.decode("x/", S3fsMetadata.DIRECTORY_CONTENT_TYPE, Map.of("mode", mode),
                    LAST_MODIFIED, MOUNT).mode());
            assertEquals(type | 0600, S3fsMetadata.decode("x", null, Map.of("mode", mode), LAST_MODIFIED, MOUNT).mode());
        }
    }

    // ---- reading: owner ----

    @Test
    void fallsBackThroughOwnerSourcesInOrder() {
        Map<String, String> h = new HashMap<>(Map.of("uid", "1", "gid", "2", "owner", "3", "group", "4",
                "goog-reserved-posix-uid", "5", "goog-reserved-posix-gid", "6", "file-owner", "7", "file-group", "8"));
        assertOwner(1, 2, h);
        h.remove("uid");
        h.remove("gid");
        assertOwner(3, 4, h);
        h.remove("owner");
        h.remove("group");
        assertOwner(5, 6, h);
        h.remove("goog-reserved-posix-uid");
        h.remove("goog-reserved-posix-gid");
        assertOwner(7, 8, h);
        h.remove("file-owner");
        h.remove("file-group");
        assertOwner(1000, 2000, h);
    }

    @Test
    void garbageOwnerFallsThroughAndUnsignedIdsWrap() {
        assertOwner(3, 4, Map.of("uid", "x1", "gid", "", "owner", "3", "group", "4"));
        assertOwner(1000, 2000, Map.of("uid", "12 ", "gid", "4294967296"));
        assertOwner(-2, -1, Map.of("uid", "4294967294", "gid", "-1"));
    }

    @Test
    void onlyUidGivenKeepsTheMountsGid() {
        assertOwner(5, 2000, Map.of("uid", "5"));
    }

    private static void assertOwner(int uid, int gid, Map<String, String> headers) {
        PosixMeta m = decodeFile(headers);
        assertEquals(uid, m.uid(), "uid");
        assertEquals(gid, m.gid(), "gid");
    }

    // ---- reading: times ----

    @Test
    void fallsBackThroughMtimeSourcesInOrder() {
        Map<String, String> h = new HashMap<>(Map.of("mtime", "1718000001.5", "goog-reserved-file-mtime", "1718000002",
                "file-mtime", "1718000003000000007ns"));
        assertEquals(1_718_000_001_500_000_000L, decodeFile(h).mtimeNanos());
        h.remove("mtime");
        assertEquals(1_718_000_002_000_000_000L, decodeFile(h).mtimeNanos());
        h.remove("goog-reserved-file-mtime");
        assertEquals(1_718_000_003_000_000_007L, decodeFile(h).mtimeNanos());
        h.remove("file-mtime");
        assertEquals(LAST_MODIFIED_NANOS, decodeFile(h).mtimeNanos());
    }

    @Test
    void garbageTimesFallThrough() {
        PosixMeta m = decodeFile(Map.of("mtime", "yesterday", "goog-reserved-file-mtime", "1718000002x",
                "file-mtime", "1718000003000000000ns", "ctime", "1.2.3", "atime", ""));
        assertEquals(1_718_000_003_000_000_000L, m.mtimeNanos());
        assertEquals(m.mtimeNanos(), m.ctimeNanos());
        assertEquals(m.mtimeNanos(), m.atimeNanos());
    }

    @Test
    void ctimeAndAtimeComeFromTheirHeadersElseDataSyncElseMtime() {
        PosixMeta own = decodeFile(Map.of("mtime", "10", "ctime", "20", "atime", "30.000000001",
                "file-ctime", "40ns", "file-atime", "50ns"));
        assertEquals(10_000_000_000L, own.mtimeNanos());
        assertEquals(20_000_000_000L, own.ctimeNanos());
        assertEquals(30_000_000_001L, own.atimeNanos());

        PosixMeta dataSync = decodeFile(Map.of("mtime", "10", "file-ctime", "40ns", "file-atime", "50ns"));
        assertEquals(40L, dataSync.ctimeNanos());
        assertEquals(50L, dataSync.atimeNanos());

        PosixMeta mtimeOnly = decodeFile(Map.of("mtime", "10"));
        assertEquals(10_000_000_000L, mtimeOnly.ctimeNanos());
        assertEquals(10_000_000_000L, mtimeOnly.atimeNanos());
    }

    @Test
    void zeroAndNegativeTimesAreKept() {
        assertEquals(0L, decodeFile(Map.of("mtime", "0")).mtimeNanos());
        assertEquals(-1_500_000_000L, decodeFile(Map.of("mtime", "-2.500000000")).mtimeNanos());
    }

    // ---- reading: whole objects ----

    @Test
    void aPlainObjectIsARegularFileOfTheMountOwnerAtLastModified() {
        assertEquals(new PosixMeta(S_IFREG | 0640, 1000, 2000, LAST_MODIFIED_NANOS, LAST_MODIFIED_NANOS,
                LAST_MODIFIED_NANOS, Map.of()), S3fsMetadata.decode("data/file.csv", "text/csv", Map.of(), LAST_MODIFIED, MOUNT));
        assertEquals(S3fsMetadata.decode("k", null, Map.of(), LAST_MODIFIED, MOUNT),
                S3fsMetadata.decode("k", null, null, LAST_MODIFIED, MOUNT));
    }

    @Test
    void readsWhatS3fsWritesForADirectory() {
        Map<String, String> h = Map.of("mode", "16877", "uid", "0", "gid", "0", "mtime", "1718000000",
                "ctime", "1718000000", "atime", "1718000000");
        assertEquals(new PosixMeta(S_IFDIR | 0755, 0, 0, T, T, T, Map.of()),
                S3fsMetadata.decode("dir/", S3fsMetadata.DIRECTORY_CONTENT_TYPE, h, LAST_MODIFIED, MOUNT));
    }

    @Test
    void readsXattrsAndIgnoresAMalformedXattrHeader() {
        PosixMeta ok = decodeFile(Map.of("xattr", "%7B%22user.k%22%3A%22dmFs%22%7D"));
        assertArrayEquals("val".getBytes(UTF_8), ok.xattrs().get("user.k"));
        PosixMeta bad = decodeFile(Map.of("mode", "33188", "xattr", "%7B%22user.k"));
        assertEquals(Map.of(), bad.xattrs());
        assertEquals(S_IFREG | 0644, bad.mode());
    }

    @Test
    void randomGarbageHeadersNeverThrow() {
        Random random = new Random(7);
        String[] names = {"mode", "permissions", "goog-reserved-posix-mode", "file-permissions", "uid", "gid", "owner",
                "group", "goog-reserved-posix-uid", "goog-reserved-posix-gid", "file-owner", "file-group", "mtime",
                "ctime", "atime", "goog-reserved-file-mtime", "file-mtime", "file-ctime", "file-atime", "xattr"};
        String chars = "0123456789xX.+-% {}\":,nsAQ=/\t";
        for (int i = 0; i < 5_000; i++) {
            Map<String, String> h = new HashMap<>();
            for (String name : names) {
                if (random.nextBoolean()) {
                    StringBuilder v = new StringBuilder();
                    for (int j = random.nextInt(25); j > 0; j--) {
                        v.append(chars.charAt(random.nextInt(chars.length())));
                    }
                    h.put(name, v.toString());
                }
            }
            String key = random.nextBoolean() ? "k/" : "k";
            PosixMeta m = assertDoesNotThrow(() -> S3fsMetadata.decode(key, "text/plain", h, LAST_MODIFIED, MOUNT), h::toString);
            assertTrue((m.mode() & 0170000) != 0, () -> "type bits always set: " + h);
        }
    }

    // ---- implicit directories ----

    @Test
    void implicitDirectoryIs0755MaskedByTheUmaskWithTheMountsOwnerAndTime() {
        assertEquals(new PosixMeta(16877, 1000, 2000, 42, 42, 42, Map.of()), S3fsMetadata.implicitDirectory(MOUNT, 42));
        assertEquals(S_IFDIR | 0700, S3fsMetadata.implicitDirectory(new MountDefaults(0, 0, 077), 0).mode());
        assertEquals(S_IFDIR | 0755, S3fsMetadata.implicitDirectory(new MountDefaults(0, 0, 0), 0).mode());
    }

    // ---- round trip ----

    @Test
    void decodeOfEncodeIsIdentityForRandomMetas() {
        Random random = new Random(0xF1A55L);
        int[] types = {S_IFREG, S_IFDIR, S_IFLNK, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK};
        for (int i = 0; i < 2_000; i++) {
            int mode = types[random.nextInt(types.length)] | random.nextInt(010000);
            Map<String, byte[]> xattrs = new LinkedHashMap<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                byte[] value = new byte[random.nextInt(32)];
                random.nextBytes(value);
                xattrs.put((random.nextBoolean() ? "user." : "trusted.") + Integer.toString(random.nextInt(1 << 20), 36)
                        + (random.nextInt(4) == 0 ? "é\uD83D\uDE00/+" : ""), value);
            }
            PosixMeta m = new PosixMeta(mode, random.nextInt(), random.nextInt(), randomTime(random), randomTime(random),
                    randomTime(random), xattrs);
            String key = (mode & 0170000) == S_IFDIR && random.nextBoolean() ? "d/" : "f";
            String contentType = random.nextBoolean() ? null : S3fsMetadata.DIRECTORY_CONTENT_TYPE;
            MountDefaults other = new MountDefaults(random.nextInt(), random.nextInt(), random.nextInt(01000));
            Instant unrelated = Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000));
            Map<String, String> headers = S3fsMetadata.encode(m);
            assertEquals(m, S3fsMetadata.decode(key, contentType, headers, unrelated, other), headers::toString);
        }
    }

    private static long randomTime(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> T + random.nextInt(1_000_000_000);
            case 2 -> random.nextInt() * 1_000_000_000L;
            default -> -random.nextInt(1_000_000_000);
        };
    }
}
