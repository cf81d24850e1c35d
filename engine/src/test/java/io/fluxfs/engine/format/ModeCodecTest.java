package io.fluxfs.engine.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModeCodecTest {

    @ParameterizedTest(name = "strtol(\"{0}\", 0) = {1}")
    @CsvSource(delimiter = '|', value = {
            "33188|33188",
            "16877|16877",
            "41471|41471",
            "0644|420",
            "0100644|33188",
            "0x81a4|33188",
            "0X81A4|33188",
            "0|0",
            "00|0",
            "'  420'|420",
            "'\t\n420'|420",
            "+420|420",
            "-1|-1",
            "4294967295|-1",
            "2147483648|-2147483648",
            "-2147483648|-2147483648",
    })
    void strtolReadsDecimalOctalAndHex(String in, int expected) {
        assertEquals(OptionalInt.of(expected), ModeCodec.parseStrtol(in));
    }

    @ParameterizedTest(name = "strtol(\"{0}\", 0) is malformed")
    @ValueSource(strings = {"", " ", "+", "-", "abc", "12a", "420 ", "08", "09", "0x", "0xg", "1.5", "--1", "+-1",
            "4294967296", "-2147483649", "99999999999999999999999999", "٤٢٠", "0x1_0"})
    void strtolRejectsGarbageAndTrailingCharacters(String in) {
        assertEquals(OptionalInt.empty(), ModeCodec.parseStrtol(in));
    }

    @Test
    void strtolOfNullIsEmpty() {
        assertEquals(OptionalInt.empty(), ModeCodec.parseStrtol(null));
        assertEquals(OptionalInt.empty(), ModeCodec.parseOctal(null));
    }

    @ParameterizedTest(name = "octal(\"{0}\") = {1}")
    @CsvSource(delimiter = '|', value = {"644|420", "0644|420", "0100644|33188", "755|493", "0|0", "' 17'|15"})
    void octalReadsWithOrWithoutLeadingZero(String in, int expected) {
        assertEquals(OptionalInt.of(expected), ModeCodec.parseOctal(in));
    }

    @ParameterizedTest(name = "octal(\"{0}\") is malformed")
    @ValueSource(strings = {"", "8", "0x1a4", "644x", "0o644", "rw-r--r--"})
    void octalRejectsNonOctal(String in) {
        assertEquals(OptionalInt.empty(), ModeCodec.parseOctal(in));
    }
}
