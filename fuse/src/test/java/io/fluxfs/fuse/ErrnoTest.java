package io.fluxfs.fuse;

import io.fluxfs.engine.fs.FsError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every FsError against the Linux errno number it must become. */
class ErrnoTest {

    /** Linux (x86_64 and aarch64) values, from asm-generic/errno-base.h and errno.h. */
    static final Map<FsError, Integer> LINUX = Map.ofEntries(
            entry(FsError.EPERM, 1), entry(FsError.ENOENT, 2), entry(FsError.EIO, 5), entry(FsError.E2BIG, 7),
            entry(FsError.EBADF, 9), entry(FsError.EAGAIN, 11), entry(FsError.EACCES, 13), entry(FsError.EEXIST, 17),
            entry(FsError.EXDEV, 18), entry(FsError.ENOTDIR, 20), entry(FsError.EISDIR, 21), entry(FsError.EINVAL, 22),
            entry(FsError.EFBIG, 27), entry(FsError.ENOSPC, 28), entry(FsError.EROFS, 30), entry(FsError.ERANGE, 34),
            entry(FsError.ENAMETOOLONG, 36), entry(FsError.ENOTEMPTY, 39), entry(FsError.ELOOP, 40),
            entry(FsError.ENODATA, 61), entry(FsError.ENOTSUP, 95), entry(FsError.ETIMEDOUT, 110),
            entry(FsError.ESTALE, 116),
            // deliberately not 38: an engine ENOSYS must not switch the op off in the kernel
            entry(FsError.ENOSYS, 95));

    @Test
    void theExpectationCoversEveryConstant() {
        assertEquals(FsError.values().length, LINUX.size(), "add the new FsError to this table and to Errno");
    }

    @ParameterizedTest
    @EnumSource(FsError.class)
    void mapsToTheLinuxNumber(FsError e) {
        assertEquals(LINUX.get(e), Errno.of(e), e.name());
    }

    @ParameterizedTest
    @EnumSource(FsError.class)
    void isPositiveAndNeverTheAdaptersOwnEnosys(FsError e) {
        assertTrue(Errno.of(e) > 0);
        assertNotEquals(Errno.enosys(), Errno.of(e));
    }

    @Test
    void adaptersEnosysIs38() {
        assertEquals(38, Errno.enosys());
    }
}
