package io.fluxfs.fuse;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

import java.nio.ByteBuffer;

/**
 * The write path's copy out of libfuse's buffer, heap against direct, side by side in one run:
 * copies a 128 KiB native buffer (one FUSE write) N times per mode and prints GB/s. Not a test.
 * <pre>java -cp fuse/target/test-classes:fuse/target/classes:$(cat fuse/target/classpath.txt) io.fluxfs.fuse.WriteCopyBenchmark</pre>
 */
public final class WriteCopyBenchmark {

    public static void main(String[] args) {
        int size = 128 * 1024;
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Pointer src = Memory.allocateDirect(jnr.ffi.Runtime.getSystemRuntime(), size);
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            for (WriteCopy.Mode mode : WriteCopy.Mode.values()) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    ByteBuffer b = WriteCopy.copy(src, size, mode);
                    sink += b.get(i % size);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("round %d %-6s %6.2f GB/s  %5.1f us/copy%n", round, mode, (double) n * size / s / 1e9, s * 1e6 / n);
            }
        }
        System.out.println("(sink " + sink + ")");
    }
}
