package io.fluxfs.testkit.store;

import java.util.Comparator;

/**
 * Orders strings by their UTF-8 bytes, as S3 orders keys in a listing. {@link String#compareTo} orders
 * UTF-16 code units instead, which puts supplementary characters (emoji, U+10000 and up) before
 * U+E000..U+FFFF; code point order, which this is, equals UTF-8 byte order.
 */
final class Utf8Order implements Comparator<String> {

    static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {
    }

    @Override
    public int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return fixup(x) - fixup(y);
            }
        }
        return a.length() - b.length();
    }

    /** Moves surrogates above U+E000..U+FFFF so that code-unit comparison becomes code-point comparison. */
    private static int fixup(char c) {
        if (c >= 0xE000) {
            return c - 0x800;
        }
        if (c >= 0xD800) {
            return c + 0x2000;
        }
        return c;
    }

    /**
     * The smallest string greater than every string that starts with {@code prefix}, or {@code null} if
     * there is none (the prefix is all U+10FFFF).
     */
    static String successorOfPrefix(String prefix) {
        int[] cps = prefix.codePoints().toArray();
        for (int i = cps.length - 1; i >= 0; i--) {
            if (cps[i] < Character.MAX_CODE_POINT) {
                int next = cps[i] + 1;
                if (next == Character.MIN_SURROGATE) {
                    next = Character.MAX_SURROGATE + 1;
                }
                cps[i] = next;
                return new String(cps, 0, i + 1);
            }
        }
        return null;
    }
}
