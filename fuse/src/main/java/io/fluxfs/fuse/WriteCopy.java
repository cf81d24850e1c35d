package io.fluxfs.fuse;

import jnr.ffi.Pointer;

import java.nio.ByteBuffer;

/**
 * How a FUSE write's bytes leave libfuse's buffer. libfuse reuses that buffer as soon as the
 * callback returns, while the engine may hold the data longer (and after a timeout, for as long as
 * it likes), so the adapter always hands over a private copy it never touches again.
 *
 * <p>Two ways, chosen with {@code -Dfluxfs.fuse.writeCopy=heap|direct}: {@code heap} (default) copies
 * into a new {@code byte[]} with one JNI array copy; {@code direct} allocates a direct buffer and
 * copies native-to-native. {@code WriteCopyBenchmark} (test scope) measures both; heap won on this
 * machine because {@code allocateDirect} per call costs more than the copy it saves (zeroing, the
 * reservation bookkeeping and a Cleaner per buffer).
 */
final class WriteCopy {

    enum Mode { HEAP, DIRECT }

    static final Mode MODE = Mode.valueOf(System.getProperty("fluxfs.fuse.writeCopy", "heap").toUpperCase());

    private WriteCopy() {
    }

    static ByteBuffer copy(Pointer src, int size) {
        return copy(src, size, MODE);
    }

    static ByteBuffer copy(Pointer src, int size, Mode mode) {
        if (mode == Mode.DIRECT) {
            ByteBuffer dst = ByteBuffer.allocateDirect(size);
            if (size > 0) {
                src.transferTo(0, Pointer.wrap(jnr.ffi.Runtime.getSystemRuntime(), dst), 0, size);
            }
            return dst;
        }
        byte[] bytes = new byte[size];
        if (size > 0) {
            src.get(0, bytes, 0, size);
        }
        return ByteBuffer.wrap(bytes);
    }
}
