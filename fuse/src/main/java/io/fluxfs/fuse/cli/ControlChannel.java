package io.fluxfs.fuse.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The daemon's control socket: a Unix-domain socket in a directory only its owner can enter
 * ({@code $XDG_RUNTIME_DIR/fluxfs}, else {@code /tmp/fluxfs-UID}, mode 0700; the socket 0600), named
 * after a hash of the mountpoint. A client sends one line ({@code status} or {@code unmount}); the
 * daemon answers with lines and closes. No network, no secrets.
 */
final class ControlChannel implements AutoCloseable {

    /** Handles one request: reads nothing more, writes its answer lines to {@code out}. */
    interface Handler {
        void handle(String command, Consumer<String> out);
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread acceptor;

    private ControlChannel(Path socket, ServerSocketChannel server, Handler handler) {
        this.socket = socket;
        this.server = server;
        this.acceptor = new Thread(() -> acceptLoop(handler), "fluxfs-control");
        acceptor.setDaemon(true);
    }

    static Path socketFor(Path mountPoint) throws IOException {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        Path base;
        if (xdg != null && !xdg.isEmpty() && Files.isDirectory(Path.of(xdg))) {
            base = Path.of(xdg, "fluxfs");
        } else {
            base = Path.of(System.getProperty("java.io.tmpdir"), "fluxfs-" + uid());
        }
        if (!Files.isDirectory(base)) {
            Files.createDirectories(base);
        }
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
        Object owner = Files.getAttribute(base, "unix:uid");
        if (((Number) owner).longValue() != uid()) {
            throw new IOException(base + " belongs to uid " + owner + ", not to us: remove it");
        }
        return base.resolve(hash(mountPoint.toAbsolutePath().normalize().toString()) + ".sock");
    }

    static long uid() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ControlChannel open(Path socket, Handler handler) throws IOException {
        Files.deleteIfExists(socket); // a stale socket of a dead daemon: the mountpoint check ran first
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        ControlChannel c = new ControlChannel(socket, server, handler);
        c.acceptor.start();
        return c;
    }

    private void acceptLoop(Handler handler) {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
                OutputStream raw = Channels.newOutputStream(ch);
                PrintWriter out = new PrintWriter(raw, true, StandardCharsets.UTF_8);
                String line = in.readLine();
                handler.handle(line == null ? "" : line.trim(), s -> {
                    out.println(s);
                    out.flush();
                });
            } catch (IOException e) {
                // closed, or a client went away mid-answer: keep serving
            }
        }
    }

    /** Sends {@code command}; passes every answer line to {@code lines}. */
    static void request(Path socket, String command, Consumer<String> lines) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            OutputStream raw = Channels.newOutputStream(ch);
            raw.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            raw.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                lines.accept(line);
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // best effort
        }
    }
}
