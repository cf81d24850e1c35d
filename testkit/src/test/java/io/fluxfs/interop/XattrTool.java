package io.fluxfs.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extended attributes through the {@code attr} package's tools, as a user would set and read them:
 * values go both ways in hex, so binary values survive the command line unchanged.
 */
final class XattrTool {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private XattrTool() {
    }

    /** {@code getfattr -d -m - -e hex}: every attribute of {@code file} (symlinks not followed), name to value. */
    static Map<String, byte[]> getAll(Path file) {
        List<String> cmd = List.of("getfattr", "--absolute-names", "-h", "-d", "-m", "-", "-e", "hex", file.toString());
        String out = Commands.run(cmd, DEADLINE).orFail(cmd).output();
        Map<String, byte[]> attrs = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                attrs.put(line.strip(), new byte[0]);
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (!value.startsWith("0x")) {
                throw new AssertionError("getfattr -e hex printed a value that is not hex: " + line);
            }
            attrs.put(line.substring(0, eq), HexFormat.of().parseHex(value.substring(2)));
        }
        return attrs;
    }

    /** {@code setfattr -n NAME -v 0xHEX} ({@code -v ""} for an empty value). */
    static void set(Path file, String name, byte[] value) {
        String v = value.length == 0 ? "" : "0x" + HexFormat.of().formatHex(value);
        List<String> cmd = List.of("setfattr", "-n", name, "-v", v, file.toString());
        Commands.run(cmd, DEADLINE).orFail(cmd);
    }
}
