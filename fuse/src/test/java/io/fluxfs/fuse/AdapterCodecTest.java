package io.fluxfs.fuse;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The adapter's encoders and decoders, on native memory, without a mount. */
class AdapterCodecTest {

    private final Runtime rt = Runtime.getSystemRuntime();

    @Test
    void xattrSizeZeroAsksForTheLength() {
        Pointer p = Memory.allocateDirect(rt, 16);
        assertEquals(5, JnrFuseAdapter.sizedReply("hello".getBytes(StandardCharsets.UTF_8), p, 0));
        assertEquals(0, p.getByte(0), "nothing written when probing");
    }

    @Test
    void xattrBufferTooSmallIsErange() {
        Pointer p = Memory.allocateDirect(rt, 16);
        assertEquals(-34, JnrFuseAdapter.sizedReply("hello".getBytes(StandardCharsets.UTF_8), p, 4));
    }

    @Test
    void xattrValueIsCopiedWhenItFits() {
        Pointer p = Memory.allocateDirect(rt, 16);
        assertEquals(5, JnrFuseAdapter.sizedReply("hello".getBytes(StandardCharsets.UTF_8), p, 5));
        byte[] got = new byte[5];
        p.get(0, got, 0, 5);
        assertEquals("hello", new String(got, StandardCharsets.UTF_8));
    }

    @Test
    void listxattrNamesAreNulTerminated() {
        assertArrayEquals("user.a\0user.bc\0".getBytes(StandardCharsets.UTF_8),
                JnrFuseAdapter.nulSeparated(List.of("user.a", "user.bc")));
        assertEquals(0, JnrFuseAdapter.nulSeparated(List.of()).length);
    }

    @Test
    void chownMinusOneMeansUnchanged() {
        assertNull(JnrFuseAdapter.idOrNull(-1));
        assertNull(JnrFuseAdapter.idOrNull(0xFFFF_FFFFL));
        assertEquals(1000, JnrFuseAdapter.idOrNull(1000));
        assertEquals(0, JnrFuseAdapter.idOrNull(0));
    }

    @Test
    void readCopiesHeapAndDirectBuffersFromTheirPosition() {
        Pointer p = Memory.allocateDirect(rt, 8);
        ByteBuffer heap = ByteBuffer.wrap(new byte[] {9, 1, 2, 3});
        heap.position(1);
        assertEquals(3, JnrFuseAdapter.copyOut(heap, p, 8));
        assertEquals(1, p.getByte(0));
        ByteBuffer direct = ByteBuffer.allocateDirect(4).put(new byte[] {9, 9, 7, 8}).flip();
        direct.position(2);
        assertEquals(2, JnrFuseAdapter.copyOut(direct, p, 8));
        assertEquals(7, p.getByte(0));
        assertEquals(8, p.getByte(1));
        assertEquals(1, JnrFuseAdapter.copyOut(ByteBuffer.wrap(new byte[] {5, 6}), p, 1), "never more than asked");
    }

    @Test
    void writeCopiesAreIndependentOfLibfusesBuffer() {
        for (WriteCopy.Mode mode : WriteCopy.Mode.values()) {
            Pointer p = Memory.allocateDirect(rt, 4);
            p.put(0, new byte[] {1, 2, 3, 4}, 0, 4);
            ByteBuffer copy = WriteCopy.copy(p, 4, mode);
            p.putByte(0, (byte) 42);
            assertEquals(4, copy.remaining(), mode.name());
            assertEquals(1, copy.get(0), mode + ": the copy must not see later changes");
        }
    }
}
