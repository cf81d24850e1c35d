package io.fluxfs.testkit.s3;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parsed command line of {@link EmbeddedS3Launcher}.
 *
 * @param port   0..65535, 0 for any free port
 * @param data   directory of the file store, or {@code null} to keep objects in memory
 * @param bucket bucket to create if missing, or {@code null}
 * @param help   {@code --help} was given; nothing else matters then
 */
public record LauncherOptions(int port, Path data, String bucket, boolean help) {

    public static final int DEFAULT_PORT = 9000;

    static final String USAGE = """
            usage: EmbeddedS3Launcher [--port N] [--data DIR] [--bucket NAME] [--help]
              Runs S3Proxy on 127.0.0.1 until SIGTERM or SIGINT, and prints one line with the endpoint
              and the credentials to use.
              --port N       port to listen on (default 9000; 0 picks a free port)
              --data DIR     keep objects as files under DIR (default: in memory, lost on exit)
              --bucket NAME  create this bucket if it does not exist
              --help         print this and exit""";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");

    /** Thrown for a command line that cannot be run; the message names the problem. */
    public static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    public static LauncherOptions parse(List<String> args) {
        int port = DEFAULT_PORT;
        Path data = null;
        String bucket = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    return new LauncherOptions(port, data, bucket, true);
                }
                case "--port" -> port = port(value(args, ++i, arg));
                case "--data" -> data = path(value(args, ++i, arg));
                case "--bucket" -> bucket = bucket(value(args, ++i, arg));
                default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        return new LauncherOptions(port, data, bucket, false);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int port(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port '" + s + "' is not a port number 0..65535");
    }

    private static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new UsageException("--data '" + s + "' is not a valid path: " + e.getReason());
        }
    }

    private static String bucket(String s) {
        if (!BUCKET.matcher(s).matches() || s.contains("..")) {
            throw new UsageException("--bucket '" + s
                    + "' is not a valid bucket name (3-63 of a-z 0-9 . -, starting and ending with a letter or digit)");
        }
        return s;
    }
}
