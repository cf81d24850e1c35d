package io.fluxfs.fuse;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MountOptionsTest {

    @Test
    void defaultsComeFirst() {
        assertEquals("big_writes,max_write=131072,max_read=131072,auto_unmount,default_permissions,"
                + "fsname=fluxfs#photos,subtype=fluxfs", MountOptions.fuseOptions("photos", List.of()));
    }

    @Test
    void userOptionsAreAddedAndWinOverDefaults() {
        String o = MountOptions.fuseOptions("b", List.of("allow_other", "uid=1000", "max_read=65536"));
        assertTrue(o.endsWith(",allow_other,uid=1000,max_read=65536"), o);
        assertFalse(o.contains("max_read=131072"), o);
    }

    @Test
    void noDefaultPermissionsRemovesIt() {
        String o = MountOptions.fuseOptions("b", List.of(MountOptions.NO_DEFAULT_PERMISSIONS));
        assertFalse(o.contains("default_permissions"), o);
    }

    @Test
    void commasInTheSourceAreEscaped() {
        assertTrue(MountOptions.fuseOptions("b:/a,b", List.of()).contains("fsname=fluxfs#b:/a\\,b,"));
    }

    @Test
    void splitHandlesGroupsAndEscapes() {
        assertEquals(List.of("ro", "uid=1", "gid=2", "x=a\\,b"), MountOptions.split(List.of("ro,uid=1", "gid=2,,x=a\\,b")));
    }

    @Test
    void valueFindsTheLastSetting() {
        List<String> o = List.of("uid=1", "nonempty", "uid=2");
        assertEquals("2", MountOptions.value(o, "uid"));
        assertEquals("", MountOptions.value(o, "nonempty"));
        assertNull(MountOptions.value(o, "gid"));
    }

    @Test
    void argvRunsLibfuseInTheForeground() {
        assertArrayEquals(new String[] {"fluxfs", "-f", "-s", "-o", "x", "/mnt"},
                MountOptions.argv(Path.of("/mnt"), "x", true, false));
    }

    @Test
    void procMountsUnescapesOctal() {
        List<ProcMounts.Mount> m = ProcMounts.parse(List.of(
                "fluxfs\\043b /tmp/with\\040space fuse.fluxfs rw,nosuid 0 0",
                "proc /proc proc rw 0 0"));
        assertEquals("fluxfs#b", m.get(0).source());
        assertEquals(Path.of("/tmp/with space"), m.get(0).mountPoint());
        assertTrue(m.get(0).isFluxfs());
        assertFalse(m.get(1).isFluxfs());
    }
}
