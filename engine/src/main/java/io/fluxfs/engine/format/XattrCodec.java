package io.fluxfs.engine.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code x-amz-meta-xattr} header: every extended attribute of an object in one JSON object,
 * name to base64 (standard alphabet, padded) of the value, URL-encoded as a whole.
 *
 * <p>Writing reproduces s3fs-fuse byte for byte: names in byte order of their UTF-8 form (s3fs keeps
 * them in a {@code std::map<std::string,…>}), no whitespace, an empty value as {@code ""}, and s3fs's
 * {@code urlEncode}: {@code A-Z a-z 0-9 - _ . ~} <em>and {@code /}</em> stay as they are, every other
 * byte becomes {@code %XX} in upper case. So {@code {"user.k":"val"}} is
 * {@code %7B%22user.k%22%3A%22dmFs%22%7D}, and a base64 {@code /} stays a {@code /}.
 *
 * <p>s3fs writes names raw inside the quotes; we escape {@code "}, {@code \} and control characters
 * as JSON does so the header stays valid JSON. s3fs cannot read such names back (its parser splits on
 * {@code ,} {@code :} and {@code "}), nor names containing {@code ,} or {@code :}; ordinary names
 * ({@code user.*}, {@code security.*}, …) are identical in both.
 *
 * <p>Reading is lenient: a value that starts with <code>{</code> is taken as plain JSON, anything else
 * is percent-decoded first (lower-case hex accepted; {@code +} stays {@code +}, as in s3fs). Base64
 * padding is optional. A duplicate name keeps the last value. A malformed header gives an empty map
 * from {@link #decode}; {@link #decodeStrict} says why instead.
 */
public final class XattrCodec {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

    private XattrCodec() {
    }

    public static String encode(Map<String, byte[]> xattrs) {
        int n = xattrs.size();
        byte[][] names = new byte[n][];
        byte[][] values = new byte[n][];
        String[] nameStrings = new String[n];
        int k = 0;
        for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
            nameStrings[k] = e.getKey();
            names[k] = e.getKey().getBytes(StandardCharsets.UTF_8);
            values[k] = e.getValue();
            k++;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(names[a], names[b]));

        StringBuilder json = new StringBuilder(16 + 32 * n);
        json.append('{');
        for (int i = 0; i < n; i++) {
            int idx = order[i];
            if (i > 0) {
                json.append(',');
            }
            appendJsonString(json, nameStrings[idx]);
            json.append(':').append('"').append(B64.encodeToString(values[idx])).append('"');
        }
        json.append('}');
        return percentEncode(json);
    }

    /** Lenient: null, blank or malformed gives an empty map; never throws. */
    public static Map<String, byte[]> decode(String headerValue) {
        try {
            return decodeStrict(headerValue);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    /**
     * Like {@link #decode} but a malformed header throws {@link IllegalArgumentException} whose message
     * says what is wrong (for the caller's log line). Null or blank is an empty map, not an error.
     */
    public static Map<String, byte[]> decodeStrict(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return Map.of();
        }
        String v = headerValue.strip();
        String json = v.charAt(0) == '{' ? v : percentDecode(v);
        return new Parser(json).object();
    }

    static String percentEncode(CharSequence s) {
        byte[] utf8 = s.toString().getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length * 2);
        for (byte b : utf8) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    static String percentDecode(String s) {
        byte[] bytes = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("truncated %-escape at offset " + i);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0 || s.charAt(i + 1) > 'f' || s.charAt(i + 2) > 'f') {
                    throw new IllegalArgumentException("bad %-escape at offset " + i);
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else {
                throw new IllegalArgumentException("non-ASCII character at offset " + i);
            }
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("decoded header is not UTF-8", e);
        }
    }

    private static void appendJsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append("\\u00").append(HEX[c >>> 4]).append(HEX[c & 0xf]);
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    /** A JSON reader for exactly one shape: an object whose members are all strings. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Map<String, byte[]> object() {
            skipSpace();
            expect('{');
            Map<String, byte[]> result = new HashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
            } else {
                while (true) {
                    skipSpace();
                    String name = string();
                    skipSpace();
                    expect(':');
                    skipSpace();
                    int valueAt = pos;
                    String b64 = string();
                    try {
                        result.put(name, B64_DECODE.decode(b64));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("value of xattr '" + name + "' at offset " + valueAt
                                + " is not base64: " + e.getMessage(), e);
                    }
                    skipSpace();
                    char c = next();
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        throw error("',' or '}'");
                    }
                }
            }
            skipSpace();
            if (pos != s.length()) {
                throw error("end of header");
            }
            return Collections.unmodifiableMap(result);
        }

        private String string() {
            expect('"');
            StringBuilder sb = null;
            int runStart = pos;
            while (true) {
                if (pos >= s.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    String result = sb == null ? s.substring(runStart, pos) : sb.append(s, runStart, pos).toString();
                    pos++;
                    return result;
                }
                if (c < 0x20) {
                    throw error("no raw control character in a string");
                }
                if (c != '\\') {
                    pos++;
                    continue;
                }
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(s, runStart, pos);
                pos++;
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> sb.append(hex4());
                    default -> throw error("a JSON escape");
                }
                runStart = pos;
            }
        }

        private char hex4() {
            if (pos + 4 > s.length()) {
                throw error("four hex digits");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(pos++), 16);
                if (d < 0) {
                    throw error("four hex digits");
                }
                v = v << 4 | d;
            }
            return (char) v;
        }

        private void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private char next() {
            if (pos >= s.length()) {
                throw error("more input");
            }
            return s.charAt(pos++);
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("'" + c + "'");
            }
            pos++;
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("malformed xattr JSON: expected " + expected + " at offset " + pos);
        }
    }
}
