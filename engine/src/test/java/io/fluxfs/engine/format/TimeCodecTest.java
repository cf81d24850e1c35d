package io.fluxfs.engine.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeCodecTest {

    @ParameterizedTest(name = "{0} ns is written \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "1718000000000000000|1718000000",
            "1718000000123456789|1718000000.123456789",
            "1718000000000000001|1718000000.000000001",
            "1718000000100000000|1718000000.100000000",
            "0|0",
            "1|0.000000001",
            "-1000000000|-1",
            "-1|-1.999999999",
            "-500000000|-1.500000000",
    })
    void writesSecondsAndExactlyNineDigitsWhenNanosAreSet(long nanos, String expected) {
        assertEquals(expected, TimeCodec.encode(nanos));
    }

    @ParameterizedTest(name = "\"{0}\" is read as {1} ns")
    @CsvSource(delimiter = '|', value = {
            "1718000000|1718000000000000000",
            "1718000000.123456789|1718000000123456789",
            "1718000000.5|1718000000500000000",
            "1718000000.12|1718000000120000000",
            "1718000000.1234567899|1718000000123456789",
            "1718000000.000000000|1718000000000000000",
            "0|0",
            "-1|-1000000000",
            "-2.500000000|-1500000000",
            "+5|5000000000",
            "' 1718000000 '|1718000000000000000",
            "9223372036.854775807|9223372036854775807",
            "-9223372036|-9223372036000000000",
    })
    void readsWholeAndFractionalSeconds(String in, long expected) {
        assertEquals(OptionalLong.of(expected), TimeCodec.decode(in));
    }

    @ParameterizedTest(name = "\"{0}\" is malformed")
    @ValueSource(strings = {"", " ", "abc", "1.", ".5", "1.2.3", "1e9", "1,5", "0x10", "1718000000ns", "- 1", "1 2",
            "9223372036.854775808", "9223372037", "99999999999999999999"})
    void rejectsMalformedAndOutOfRange(String in) {
        assertEquals(OptionalLong.empty(), TimeCodec.decode(in));
    }

    @Test
    void nullIsEmpty() {
        assertEquals(OptionalLong.empty(), TimeCodec.decode(null));
        assertEquals(OptionalLong.empty(), TimeCodec.decodeDataSync(null));
    }

    @Test
    void roundTripsRandomNanosIncludingNegative() {
        Random random = new Random(20240610L);
        for (int i = 0; i < 10_000; i++) {
            long nanos = switch (i % 3) {
                case 0 -> random.nextLong();
                case 1 -> 1_718_000_000_000_000_000L + random.nextInt(1_000_000_000);
                default -> random.nextLong() / 1_000_000_000L * 1_000_000_000L;
            };
            assertEquals(OptionalLong.of(nanos), TimeCodec.decode(TimeCodec.encode(nanos)), () -> "nanos " + nanos);
        }
        assertEquals(OptionalLong.of(Long.MAX_VALUE), TimeCodec.decode(TimeCodec.encode(Long.MAX_VALUE)));
        assertEquals(OptionalLong.of(Long.MIN_VALUE), TimeCodec.decode(TimeCodec.encode(Long.MIN_VALUE)));
    }

    @ParameterizedTest(name = "DataSync \"{0}\" is {1} ns")
    @CsvSource(delimiter = '|', value = {
            "1718000000000000000ns|1718000000000000000",
            "1718000000123456789ns|1718000000123456789",
            "0ns|0",
            "-5ns|-5",
            "1718000000|1718000000000000000",
            "1718000000.25|1718000000250000000",
    })
    void readsDataSyncNanosecondsWithSuffixAndSecondsWithout(String in, long expected) {
        assertEquals(OptionalLong.of(expected), TimeCodec.decodeDataSync(in));
    }

    @ParameterizedTest(name = "DataSync \"{0}\" is malformed")
    @ValueSource(strings = {"ns", "-ns", "1.5ns", "12x34ns", "99999999999999999999ns", "1718000000000000000NS"})
    void rejectsMalformedDataSyncTimes(String in) {
        assertEquals(OptionalLong.empty(), TimeCodec.decodeDataSync(in));
    }
}
