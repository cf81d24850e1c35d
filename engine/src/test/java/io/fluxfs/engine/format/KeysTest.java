package io.fluxfs.engine.format;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxfs.engine.fs.FsError;
import io.fluxfs.engine.fs.FsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {

    @ParameterizedTest(name = "prefix \"{0}\" + \"{1}\" = file \"{2}\", dir \"{3}\"")
    @CsvSource(delimiter = '|', value = {
            "''|a/b/c|a/b/c|a/b/c/",
            "prefix|a/b/c|prefix/a/b/c|prefix/a/b/c/",
            "pre/fix|a|pre/fix/a|pre/fix/a/",
            "/pre/fix/|/a/b/|pre/fix/a/b|pre/fix/a/b/",
            "''|''|''|''",
            "'/'|'/'|''|''",
            "prefix|''|prefix|prefix/",
            "''|é 日|é 日|é 日/",
    })
    void joinsPrefixAndPathWithoutLeadingSlash(String prefix, String path, String file, String dir) {
        assertEquals(file, Keys.fileKey(prefix, path));
        assertEquals(dir, Keys.dirKey(prefix, path));
    }

    @ParameterizedTest(name = "\"{0}\" is a valid name")
    @ValueSource(strings = {"a", "...", ".hidden", "a b", "é", "日本語", "\uD83D\uDE00", "x\\y", "-", "a\nb"})
    void acceptsOrdinaryNames(String name) {
        assertDoesNotThrow(() -> Keys.checkName(name));
    }

    @Test
    void refusesEmptyDotAndDotDot() {
        assertError(FsError.EINVAL, "empty", () -> Keys.checkName(""));
        assertError(FsError.EINVAL, "empty", () -> Keys.checkName(null));
        assertError(FsError.EINVAL, "reserved", () -> Keys.checkName("."));
        assertError(FsError.EINVAL, "reserved", () -> Keys.checkName(".."));
    }

    @Test
    void refusesSlashAndNul() {
        assertError(FsError.EINVAL, "'/'", () -> Keys.checkName("a/b"));
        assertError(FsError.EINVAL, "NUL", () -> Keys.checkName("a\0b"));
    }

    @Test
    void refusesUnpairedSurrogates() {
        assertError(FsError.EINVAL, "surrogate", () -> Keys.checkName("a\uD800"));
        assertError(FsError.EINVAL, "surrogate", () -> Keys.checkName("\uDC00a"));
        assertError(FsError.EINVAL, "surrogate", () -> Keys.checkName("\uD800\uD800"));
        assertError(FsError.EINVAL, "surrogate", () -> Keys.checkKeyLength("dir/\uDFFF"));
    }

    @Test
    void allows255Utf8BytesAndRefuses256() {
        assertDoesNotThrow(() -> Keys.checkName("a".repeat(255)));
        assertError(FsError.ENAMETOOLONG, "256", () -> Keys.checkName("a".repeat(256)));
        assertDoesNotThrow(() -> Keys.checkName("€".repeat(85)));              // 3 bytes each: 255
        assertError(FsError.ENAMETOOLONG, "258", () -> Keys.checkName("€".repeat(86)));
        assertDoesNotThrow(() -> Keys.checkName("\uD83D\uDE00".repeat(63) + "abc")); // 4 * 63 + 3 = 255
        assertError(FsError.ENAMETOOLONG, "256", () -> Keys.checkName("\uD83D\uDE00".repeat(64)));
        assertError(FsError.ENAMETOOLONG, "256", () -> Keys.checkName("é".repeat(128)));
    }

    @Test
    void keysUpTo1024Utf8BytesPassIncludingTheTrailingSlash() {
        assertDoesNotThrow(() -> Keys.checkKeyLength("k".repeat(1024)));
        assertDoesNotThrow(() -> Keys.checkKeyLength("k".repeat(1023) + "/"));
        assertError(FsError.ENAMETOOLONG, "1025", () -> Keys.checkKeyLength("k".repeat(1024) + "/"));
        assertError(FsError.ENAMETOOLONG, "1026", () -> Keys.checkKeyLength("é".repeat(513)));
        assertDoesNotThrow(() -> Keys.checkKeyLength(""));
    }

    private static void assertError(FsError expected, String messagePart, Runnable call) {
        FsException e = assertThrows(FsException.class, call::run);
        assertEquals(expected, e.error());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
