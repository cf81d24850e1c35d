package io.fluxfs.engine.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PosixMetaTest {
    private static final PosixMeta BASE = new PosixMeta(0100644, 1, 2, 3, 4, 5, Map.of("user.a", new byte[] {1, 2}));

    @Test
    void equalsComparesXattrValuesByContent() {
        PosixMeta copy = new PosixMeta(0100644, 1, 2, 3, 4, 5, Map.of("user.a", new byte[] {1, 2}));
        assertEquals(BASE, copy);
        assertEquals(BASE.hashCode(), copy.hashCode());
        assertNotEquals(BASE, BASE.withXattrs(Map.of("user.a", new byte[] {1, 3})));
        assertNotEquals(BASE, BASE.withXattrs(Map.of("user.b", new byte[] {1, 2})));
        assertNotEquals(BASE, BASE.withXattrs(Map.of()));
    }

    @Test
    void withersChangeOnlyTheirFields() {
        assertEquals(new PosixMeta(040700, 1, 2, 3, 4, 5, BASE.xattrs()), BASE.withMode(040700));
        assertEquals(new PosixMeta(0100644, 7, 8, 3, 4, 5, BASE.xattrs()), BASE.withOwner(7, 8));
        assertEquals(new PosixMeta(0100644, 1, 2, 9, 10, 5, BASE.xattrs()), BASE.withTimes(9, 10));
        assertEquals(new PosixMeta(0100644, 1, 2, 3, 4, 11, BASE.xattrs()), BASE.withCtime(11));
    }

    @Test
    void withersReuseTheImmutableXattrMap() {
        assertSame(BASE.xattrs(), BASE.withMode(0100600).xattrs());
    }

    @Test
    void xattrsAreCopiedAndImmutable() {
        Map<String, byte[]> mutable = new HashMap<>(Map.of("user.a", new byte[] {1}));
        PosixMeta m = BASE.withXattrs(mutable);
        mutable.put("user.b", new byte[0]);
        assertEquals(1, m.xattrs().size());
        assertThrows(UnsupportedOperationException.class, () -> m.xattrs().put("user.c", new byte[0]));
    }

    @Test
    void nullXattrsAreEmpty() {
        assertEquals(Map.of(), new PosixMeta(0100644, 0, 0, 0, 0, 0, null).xattrs());
    }

    @Test
    void refusesModeBitsAboveSixteen() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BASE.withMode(0200000));
        assertTrue(e.getMessage().contains("0200000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BASE.withMode(-1));
    }

    @Test
    void toStringShowsModeInOctalAndXattrSizes() {
        assertEquals("PosixMeta[mode=0100644, uid=1, gid=2, atime=0.000000003, mtime=0.000000004, ctime=0.000000005,"
                + " xattrs={user.a=2 bytes}]", BASE.toString());
    }

    @Test
    void mountDefaultsRefuseAUmaskOutsideItsRange() {
        assertThrows(IllegalArgumentException.class, () -> new MountDefaults(0, 0, 01000));
        assertThrows(IllegalArgumentException.class, () -> new MountDefaults(0, 0, -1));
        assertEquals(0777, new MountDefaults(0, 0, 0777).umask());
    }
}
