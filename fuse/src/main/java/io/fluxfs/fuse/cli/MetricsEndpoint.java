package io.fluxfs.fuse.cli;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The daemon's counters as a Prometheus text endpoint ({@code GET /metrics}) on 127.0.0.1 only. Off
 * unless {@code fluxfs mount --metrics-port N} asks for it. Every numeric counter of {@code fluxfs status}
 * becomes a gauge {@code fluxfs_<name>} (dots and dashes become underscores); the mountpoint, source and
 * state are labels of {@code fluxfs_info}. One small thread serves it; reading never blocks the mount.
 */
final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    static MetricsEndpoint start(int port, Supplier<Map<String, Object>> status) throws StartupException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        } catch (IOException e) {
            throw new StartupException("cannot serve metrics on 127.0.0.1:" + port + ": " + e.getMessage());
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = render(status.get()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fluxfs-metrics");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new MetricsEndpoint(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The Prometheus text form of one status snapshot. */
    static String render(Map<String, Object> status) {
        StringBuilder sb = new StringBuilder();
        sb.append("# TYPE fluxfs_info gauge\nfluxfs_info{");
        String sep = "";
        for (String label : new String[] {"mountpoint", "source", "state"}) {
            Object v = status.get(label);
            if (v != null) {
                sb.append(sep).append(label).append("=\"").append(escape(v.toString())).append('"');
                sep = ",";
            }
        }
        sb.append("} 1\n");
        for (Map.Entry<String, Object> e : status.entrySet()) {
            if (!(e.getValue() instanceof Number n)) {
                continue;
            }
            String name = "fluxfs_" + e.getKey().replaceAll("[^A-Za-z0-9_]", "_");
            sb.append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(n).append('\n');
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
