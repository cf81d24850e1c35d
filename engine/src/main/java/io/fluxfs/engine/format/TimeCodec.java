package io.fluxfs.engine.format;

import java.util.OptionalLong;

/**
 * The {@code x-amz-meta-mtime}/{@code -ctime}/{@code -atime} values: seconds since the epoch, and when
 * the nanoseconds are not zero a dot and exactly nine digits ({@code "1718000000"},
 * {@code "1718000000.123456789"}), as s3fs-fuse writes a {@code struct timespec}.
 *
 * <p>Negative times follow {@code timespec}: the seconds are rounded down and the fraction is always
 * added, so -0.5 s is written {@code "-1.500000000"} and read back as -1 s + 0.5 s. This is what s3fs
 * writes and reads; a writer that meant {@code "-1.5"} as minus one and a half seconds is read half a
 * second late, which only matters before 1970.
 *
 * <p>Reading accepts any number of fraction digits as a decimal fraction ({@code "1.5"} is 1.5 s;
 * digits past the ninth are dropped). s3fs itself reads the digits after the dot as a raw nanosecond
 * count ({@code "1.5"} as 1 s + 5 ns); both agree on the nine-digit form that s3fs and fluxfs write.
 */
public final class TimeCodec {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private TimeCodec() {
    }

    public static String encode(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
        if (nanos == 0) {
            return Long.toString(seconds);
        }
        StringBuilder sb = new StringBuilder(31).append(seconds).append('.');
        String frac = Integer.toString(nanos);
        for (int pad = 9 - frac.length(); pad > 0; pad--) {
            sb.append('0');
        }
        return sb.append(frac).toString();
    }

    /**
     * Whole or fractional seconds: optional surrounding whitespace, optional sign, at least one digit,
     * optionally a dot and at least one digit. Anything else, or a time beyond what a long of
     * nanoseconds holds (years 1677..2262), is empty.
     */
    public static OptionalLong decode(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        int end = value.length();
        int i = 0;
        while (i < end && isSpace(value.charAt(i))) {
            i++;
        }
        while (end > i && isSpace(value.charAt(end - 1))) {
            end--;
        }
        boolean negative = false;
        if (i < end && (value.charAt(i) == '+' || value.charAt(i) == '-')) {
            negative = value.charAt(i) == '-';
            i++;
        }
        int start = i;
        long seconds = 0;
        for (; i < end && isDigit(value.charAt(i)); i++) {
            seconds = seconds * 10 + (value.charAt(i) - '0');
            if (seconds > Long.MAX_VALUE / NANOS_PER_SECOND + 1) {
                return OptionalLong.empty(); // beyond any long of nanoseconds; stop before the long overflows
            }
        }
        if (i == start) {
            return OptionalLong.empty();
        }
        long fraction = 0;
        if (i < end) {
            if (value.charAt(i) != '.' || i + 1 == end) {
                return OptionalLong.empty();
            }
            i++;
            int digits = 0;
            for (; i < end; i++, digits++) {
                char c = value.charAt(i);
                if (!isDigit(c)) {
                    return OptionalLong.empty();
                }
                if (digits < 9) {
                    fraction = fraction * 10 + (c - '0');
                }
            }
            for (; digits < 9; digits++) {
                fraction *= 10;
            }
        }
        try {
            long signed = negative ? -seconds : seconds;
            if (signed < 0 && fraction > 0) {
                // -9223372037.145224192 is Long.MIN_VALUE: going via -9223372037 s alone would overflow
                long upper = Math.multiplyExact(signed + 1, NANOS_PER_SECOND);
                return OptionalLong.of(Math.subtractExact(upper, NANOS_PER_SECOND - fraction));
            }
            return OptionalLong.of(Math.addExact(Math.multiplyExact(signed, NANOS_PER_SECOND), fraction));
        } catch (ArithmeticException e) {
            return OptionalLong.empty(); // before 1677 or after 2262
        }
    }

    /**
     * AWS DataSync's form: integer nanoseconds since the epoch with an {@code ns} suffix
     * ({@code "1718000000123456789ns"}). Without the suffix this reads seconds, as {@link #decode}.
     */
    public static OptionalLong decodeDataSync(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        String v = value.strip();
        if (!v.endsWith("ns")) {
            return decode(v);
        }
        int end = v.length() - 2;
        int i = 0;
        boolean negative = false;
        if (i < end && (v.charAt(i) == '+' || v.charAt(i) == '-')) {
            negative = v.charAt(i) == '-';
            i++;
        }
        if (i == end) {
            return OptionalLong.empty();
        }
        long nanos = 0;
        for (; i < end; i++) {
            char c = v.charAt(i);
            if (!isDigit(c) || nanos > (Long.MAX_VALUE - (c - '0')) / 10) {
                return OptionalLong.empty();
            }
            nanos = nanos * 10 + (c - '0');
        }
        return OptionalLong.of(negative ? -nanos : nanos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return ModeCodec.isCSpace(c);
    }
}
