package io.fluxfs.engine.format;

import java.util.OptionalInt;

/**
 * Integer parsing the way s3fs-fuse reads its numeric headers: C {@code strtoll} semantics, and the
 * whole string must be consumed (s3fs rejects trailing characters, we do too).
 *
 * <p>Accepted: optional leading C whitespace ({@code " \t\n\v\f\r"}), an optional {@code +} or
 * {@code -}, then digits of the base. Values outside {@code [Integer.MIN_VALUE, 0xFFFFFFFF]} are
 * rejected; values above {@link Integer#MAX_VALUE} wrap to the same 32 bits, as a C {@code uid_t} or
 * {@code mode_t} would ({@code "4294967295"} is {@code -1}). Nothing here throws.
 */
public final class ModeCodec {
    private ModeCodec() {
    }

    /** {@code strtol(s, &end, 0)}: a leading {@code 0x}/{@code 0X} means hex, a leading {@code 0} octal, else decimal. */
    public static OptionalInt parseStrtol(String s) {
        return parse(s, 0);
    }

    /** {@code strtol(s, &end, 8)}: {@code "0644"} and {@code "644"} are both 420. */
    public static OptionalInt parseOctal(String s) {
        return parse(s, 8);
    }

    private static OptionalInt parse(String s, int base) {
        if (s == null) {
            return OptionalInt.empty();
        }
        int n = s.length();
        int i = 0;
        while (i < n && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = base;
        if (radix == 0) {
            if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            } else if (i < n && s.charAt(i) == '0') {
                radix = 8;
            } else {
                radix = 10;
            }
        }
        if (i >= n) {
            return OptionalInt.empty(); // nothing to convert: strtol's end == start
        }
        long value = 0;
        for (; i < n; i++) {
            int d = digit(s.charAt(i), radix);
            if (d < 0) {
                return OptionalInt.empty(); // trailing garbage
            }
            value = value * radix + d;
            if (value > 0xFFFF_FFFFL + 1) {
                return OptionalInt.empty(); // out of range; stop before a long could overflow
            }
        }
        long signed = negative ? -value : value;
        if (signed < Integer.MIN_VALUE || signed > 0xFFFF_FFFFL) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) signed);
    }

    /** ASCII-only digit value (Character.digit would also accept non-ASCII digits, strtol does not). */
    private static int digit(char c, int radix) {
        int d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c >= 'a' && c <= 'z') {
            d = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'Z') {
            d = c - 'A' + 10;
        } else {
            return -1;
        }
        return d < radix ? d : -1;
    }

    static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
