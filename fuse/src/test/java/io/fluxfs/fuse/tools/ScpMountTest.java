package io.fluxfs.fuse.tools;

import io.fluxfs.fuse.Sh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

import static io.fluxfs.fuse.tools.EngineMount.ok;
import static io.fluxfs.fuse.tools.Trees.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * scp into a real mount of the real engine through a local sshd, in both protocols. Neither
 * truncates on open: overwriting a 5 MiB file with a 3 MiB one shrinks it with ftruncate on the
 * write fd, then sets mode and times on the open, dirty file (see WORKLOADS.md).
 */
class ScpMountTest {

    @RegisterExtension
    final EngineMount m = new EngineMount();

    private LoopbackSshd sshd;
    private Path local;

    @BeforeEach
    void startSshd() throws Exception {
        sshd = LoopbackSshd.start(m.scratch("sshd"));
        local = m.scratch("local");
    }

    @AfterEach
    void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private Path localFile(String name, long size, long seed, String mode, String mtime) throws Exception {
        Path f = Trees.file(local.resolve(name), size, seed);
        ok(local, "chmod", mode, name);
        ok(local, "touch", "-d", mtime, name);
        return f;
    }

    /** "size mode mtime-seconds sha256" of a file, as stat and sha256sum see it. */
    private static String describe(Path f) {
        String st = ok(f.getParent(), "stat", "-c", "%s %a %Y", f.toString()).out().trim();
        String sum = ok(f.getParent(), "sha256sum", f.toString()).out().split(" ")[0];
        return st + " " + sum;
    }

    private void scpAndCompare(boolean legacy, Path src, String remoteName) {
        Sh.Result r = sshd.scp(local, legacy, src.toString(), m.dir().resolve(remoteName).toString(), "-p");
        assertEquals(0, r.exit(), () -> "scp " + (legacy ? "-O " : "") + "failed: " + r + "\nsshd log:\n" + sshd.log());
        assertEquals(describe(src), describe(m.dir().resolve(remoteName)), (legacy ? "scp -O -p" : "scp -p") + " of " + remoteName);
    }

    private void overwriteBigWithSmaller(boolean legacy) throws Exception {
        String name = legacy ? "u.bin" : "v.bin";
        Path big = localFile("big-" + name, 5L * MIB, 1, "0640", "2011-01-01 01:01:01 UTC");
        Path small = localFile("small-" + name, 3L * MIB, 2, "0604", "2012-02-02 02:02:02 UTC");
        Path tiny = localFile("tiny-" + name, 1, 3, "0600", "2013-03-03 03:03:03 UTC");
        scpAndCompare(legacy, big, name);
        scpAndCompare(legacy, small, name);
        assertEquals(3L * MIB, java.nio.file.Files.size(m.dir().resolve(name)), "the old tail is gone");
        m.remount();
        assertEquals(describe(small), describe(m.dir().resolve(name)), "after remount");
        scpAndCompare(legacy, tiny, name);
        m.remount();
        assertEquals(describe(tiny), describe(m.dir().resolve(name)), "after remount");
    }

    @Test
    void scpSftpModeOverwritesA5MiBFileWithA3MiBOneKeepingModeAndMtime() throws Exception {
        overwriteBigWithSmaller(false);
    }

    @Test
    void scpLegacyModeOverwritesA5MiBFileWithA3MiBOneKeepingModeAndMtime() throws Exception {
        overwriteBigWithSmaller(true);
    }

    @Test
    void scpOfNewFilesAndADirectoryInBothModes() throws Exception {
        Path empty = localFile("empty", 0, 1, "0644", "2001-01-01 00:00:00 UTC");
        Path odd = localFile("é 日本 odd.bin", 5L * MIB + 1, 2, "0755", "2002-02-02 00:00:00 UTC");
        Path multi = localFile("multi.bin", 17L * MIB + 5, 3, "0600", "2003-03-03 00:00:00 UTC");
        for (boolean legacy : new boolean[] {false, true}) {
            String p = legacy ? "legacy-" : "sftp-";
            scpAndCompare(legacy, empty, p + "empty");
            scpAndCompare(legacy, odd, p + "odd.bin");
            scpAndCompare(legacy, multi, p + "multi.bin");
            ok(m.dir(), "mkdir", p + "dir");
            Sh.Result r = sshd.scp(local, legacy, local.toString(), m.dir().resolve(p + "dir").toString(), "-p", "-r");
            assertEquals(0, r.exit(), r::toString);
            assertEquals(Trees.lines(Trees.manifest(local, Trees.Meta.MODE_MTIME, false)),
                    Trees.lines(Trees.manifest(m.dir().resolve(p + "dir/local"), Trees.Meta.MODE_MTIME, false)));
        }
        m.remount();
        assertEquals(Trees.lines(Trees.manifest(local, Trees.Meta.MODE_MTIME, false)),
                Trees.lines(Trees.manifest(m.dir().resolve("sftp-dir/local"), Trees.Meta.MODE_MTIME, false)));
        assertEquals(describe(multi), describe(m.dir().resolve("legacy-multi.bin")));
    }
}
