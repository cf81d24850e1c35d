package io.fluxfs.fuse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the counters of the daemon serving MOUNTPOINT: dirty bytes, queued and in-flight uploads, "
                + "cache use, errors, FUSE calls and ENOSYS answers.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MOUNTPOINT")
    Path mountPoint;

    @picocli.CommandLine.Option(names = "--json", description = "Print one JSON object instead of name-value lines.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path mp = MountCommand.ProcMountsPath.of(mountPoint);
        Path socket = ControlChannel.socketFor(mp);
        if (!Files.exists(socket)) {
            throw new StartupException("no fluxfs daemon serves " + mp);
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (json) {
                java.util.List<String> lines = new java.util.ArrayList<>();
                ControlChannel.request(socket, "status", lines::add);
                out.println(toJson(lines));
            } else {
                ControlChannel.request(socket, "status", out::println);
            }
        } catch (IOException e) {
            throw new StartupException("the daemon of " + mp + " does not answer (" + e.getMessage() + ")");
        }
        out.flush();
        return FluxfsCommand.OK;
    }

    /** {@code name value} lines as one JSON object; values that are whole numbers stay numbers. */
    static String toJson(java.util.List<String> lines) {
        StringBuilder sb = new StringBuilder("{");
        String sep = "";
        for (String line : lines) {
            int sp = line.indexOf(' ');
            String k = sp < 0 ? line : line.substring(0, sp);
            String v = sp < 0 ? "" : line.substring(sp + 1);
            sb.append(sep).append(quote(k)).append(':').append(v.matches("-?\\d{1,18}") ? v : quote(v));
            sep = ",";
        }
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
