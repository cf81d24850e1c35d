package io.fluxfs.engine.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XattrCodecTest {

    @Test
    void writesTheSpecExample() {
        assertEquals("%7B%22user.k%22%3A%22dmFs%22%7D", XattrCodec.encode(Map.of("user.k", "val".getBytes(UTF_8))));
    }

    @Test
    void readsTheSpecExample() {
        Map<String, byte[]> x = XattrCodec.decode("%7B%22user.k%22%3A%22dmFs%22%7D");
        assertEquals(1, x.size());
        assertArrayEquals("val".getBytes(UTF_8), x.get("user.k"));
    }

    @Test
    void keepsSlashAndEncodesPlusAndEqualsLikeS3fsUrlEncode() {
        // base64 of {0xff} is "/w==", of {0xfb,0xef} is "++8="
        assertEquals("%7B%22user.a%22%3A%22/w%3D%3D%22%7D", XattrCodec.encode(Map.of("user.a", new byte[] {(byte) 0xff})));
        assertEquals("%7B%22user.b%22%3A%22%2B%2B8%3D%22%7D",
                XattrCodec.encode(Map.of("user.b", new byte[] {(byte) 0xfb, (byte) 0xef})));
    }

    @Test
    void leavesOnlyUnreservedCharactersAndSlashUnescaped() {
        String encoded = XattrCodec.encode(Map.of("user.AZaz09-_.~ !*'()", new byte[0]));
        assertEquals("%7B%22user.AZaz09-_.~%20%21%2A%27%28%29%22%3A%22%22%7D", encoded);
    }

    @Test
    void sortsNamesByUtf8BytesAsS3fsStdMapDoes() {
        Map<String, byte[]> in = new LinkedHashMap<>();
        in.put("user.b", new byte[] {1});
        in.put("user.\uFFFD", new byte[] {2}); // EF BF BD
        in.put("user.\uD83D\uDE00", new byte[] {3}); // F0 9F 98 80: after U+FFFD in UTF-8, before it in UTF-16
        in.put("security.x", new byte[] {4});
        in.put("user.a", new byte[] {5});
        String json = XattrCodec.percentDecode(XattrCodec.encode(in));
        assertEquals("{\"security.x\":\"BA==\",\"user.a\":\"BQ==\",\"user.b\":\"AQ==\","
                + "\"user.\uFFFD\":\"Ag==\",\"user.\uD83D\uDE00\":\"Aw==\"}", json);
    }

    @Test
    void writesNonAsciiNamesAsPercentEncodedUtf8() {
        assertEquals("%7B%22user.%C3%A9%22%3A%22%22%7D", XattrCodec.encode(Map.of("user.é", new byte[0])));
    }

    @Test
    void writesAnEmptyValueAsAnEmptyString() {
        assertEquals("%7B%22user.e%22%3A%22%22%7D", XattrCodec.encode(Map.of("user.e", new byte[0])));
        assertArrayEquals(new byte[0], XattrCodec.decode("%7B%22user.e%22%3A%22%22%7D").get("user.e"));
    }

    @Test
    void writesAnEmptyMapAsAnEmptyObject() {
        assertEquals("%7B%7D", XattrCodec.encode(Map.of()));
        assertEquals(Map.of(), XattrCodec.decode("%7B%7D"));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharactersInNames() {
        Map<String, byte[]> in = Map.of("user.\"q\\\n", new byte[] {7});
        String json = XattrCodec.percentDecode(XattrCodec.encode(in));
        assertEquals("{\"user.\\\"q\\\\\\u000A\":\"Bw==\"}", json);
        assertArrayEquals(new byte[] {7}, XattrCodec.decode(XattrCodec.encode(in)).get("user.\"q\\\n"));
    }

    @Test
    void readsPlainJsonWithWhitespaceEscapesAndUnpaddedBase64() {
        Map<String, byte[]> x = XattrCodec.decode(" { \"user.k\" : \"dmFs\" , \"user.\\u00e9\\/x\":\"/w\" } ");
        assertEquals(2, x.size());
        assertArrayEquals("val".getBytes(UTF_8), x.get("user.k"));
        assertArrayEquals(new byte[] {(byte) 0xff}, x.get("user.é/x"));
    }

    @Test
    void readsLowerCaseHexAndAFullyEncodedSlash() {
        Map<String, byte[]> x = XattrCodec.decode("%7b%22user.a%22%3a%22%2Fw%3d%3d%22%7d");
        assertArrayEquals(new byte[] {(byte) 0xff}, x.get("user.a"));
    }

    @Test
    void readsS3fsOutputWithNamesWrittenRaw() {
        // what s3fs writes for a UTF-8 name: the bytes percent-encoded, no JSON escaping
        Map<String, byte[]> x = XattrCodec.decode("%7B%22user.%E6%97%A5%22%3A%22AQID%22%2C%22user.z%22%3A%22%22%7D");
        assertArrayEquals(new byte[] {1, 2, 3}, x.get("user.日"));
        assertArrayEquals(new byte[0], x.get("user.z"));
    }

    @Test
    void aDuplicateNameKeepsTheLastValue() {
        assertArrayEquals(new byte[] {2}, XattrCodec.decode("{\"a\":\"AQ==\",\"a\":\"Ag==\"}").get("a"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" reads as no xattrs")
    @ValueSource(strings = {
            "%7B", "%7B%22a%22", "%ZZ", "%7", "%7B%22a%22%3A%22AQ%3D%3D%22%7D%", "not json", "[]", "{\"a\":1}",
            "{\"a\":\"AQ==\"", "{\"a\":\"AQ==\"} x", "{\"a\":\"!!\"}", "{\"a\" \"AQ==\"}", "{a:\"AQ==\"}",
            "{\"a\":\"AQ==\",}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "%7B%22a%22%3A%22%FF%22%7D", "\u00e9",
            "{\"a\":\"A Q==\"}", "{\"a\u0001\":\"\"}", "{\"a\":null}"})
    void malformedHeadersReadAsEmptyWithoutThrowing(String header) {
        assertEquals(Map.of(), XattrCodec.decode(header));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XattrCodec.decodeStrict(header));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void strictSaysWhichValueIsNotBase64() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> XattrCodec.decodeStrict("{\"user.bad\":\"!!\"}"));
        assertTrue(e.getMessage().contains("user.bad"), e.getMessage());
    }

    @Test
    void nullAndBlankAreNoXattrs() {
        assertEquals(Map.of(), XattrCodec.decode(null));
        assertEquals(Map.of(), XattrCodec.decode("  "));
        assertEquals(Map.of(), XattrCodec.decodeStrict(""));
    }

    @Test
    void roundTripsRandomBinaryValuesAndUnicodeNames() {
        Random random = new Random(42);
        String alphabet = "abcXYZ019._-~/ +=%\"\\:,{}é日\uD83D\uDE00\u0001";
        for (int round = 0; round < 500; round++) {
            Map<String, byte[]> in = new LinkedHashMap<>();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                StringBuilder name = new StringBuilder("user.");
                int len = 1 + random.nextInt(12);
                for (int j = 0; j < len; j++) {
                    int at = random.nextInt(alphabet.length());
                    char c = alphabet.charAt(at);
                    if (Character.isHighSurrogate(c)) {
                        name.append(c).append(alphabet.charAt(at + 1));
                    } else if (!Character.isLowSurrogate(c)) {
                        name.append(c);
                    }
                }
                byte[] value = new byte[random.nextInt(40)];
                random.nextBytes(value);
                in.put(name.toString(), value);
            }
            String header = XattrCodec.encode(in);
            for (int i = 0; i < header.length(); i++) {
                char c = header.charAt(i);
                assertTrue(c > 0x20 && c < 0x7f, () -> "header must be printable ASCII: " + header);
            }
            Map<String, byte[]> out = XattrCodec.decodeStrict(header);
            assertEquals(in.keySet(), out.keySet());
            for (Map.Entry<String, byte[]> e : in.entrySet()) {
                assertArrayEquals(e.getValue(), out.get(e.getKey()), e.getKey());
            }
        }
    }
}
