package io.fluxfs.testkit.model;

import java.util.SplittableRandom;

/** Deterministic content: the same size and seed give the same bytes, so traces stay short. */
public final class Bytes {
    private Bytes() {
    }

    public static byte[] of(int size, long seed) {
        byte[] b = new byte[size];
        SplittableRandom r = new SplittableRandom(seed);
        int i = 0;
        while (i + 8 <= size) {
            long v = r.nextLong();
            for (int k = 0; k < 8; k++) {
                b[i++] = (byte) (v >>> (8 * k));
            }
        }
        while (i < size) {
            b[i++] = (byte) r.nextInt();
        }
        return b;
    }
}
