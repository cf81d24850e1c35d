package io.fluxfs.fuse.cli;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsEndpointTest {

    @Test
    void servesEveryNumericCounterAsAGaugeOnLoopback() throws Exception {
        AtomicLong dirty = new AtomicLong(42);
        try (MetricsEndpoint m = MetricsEndpoint.start(freePort(), () -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("mountpoint", "/mnt/a \"b\"");
            s.put("source", "bucket");
            s.put("state", "mounted");
            s.put("engine.dirty_bytes", dirty.get());
            s.put("s3.get.p99_us", 2048L);
            s.put("note", "not a number");
            return s;
        })) {
            String body = get(m.port());
            assertTrue(body.contains("fluxfs_info{mountpoint=\"/mnt/a \\\"b\\\"\",source=\"bucket\",state=\"mounted\"} 1\n"), body);
            assertTrue(body.contains("# TYPE fluxfs_engine_dirty_bytes gauge\nfluxfs_engine_dirty_bytes 42\n"), body);
            assertTrue(body.contains("fluxfs_s3_get_p99_us 2048\n"), body);
            assertFalse(body.contains("note"), "non-numeric values are not gauges");
            dirty.set(7);
            assertTrue(get(m.port()).contains("fluxfs_engine_dirty_bytes 7\n"), "each scrape reads the counters anew");
        }
    }

    @Test
    void statusJsonKeepsNumbersAsNumbersAndEscapesStrings() {
        String json = StatusCommand.toJson(List.of("mountpoint /tmp/x \"y\"", "engine.dirty_bytes 10", "state mounted"));
        assertEquals("{\"mountpoint\":\"/tmp/x \\\"y\\\"\",\"engine.dirty_bytes\":10,\"state\":\"mounted\"}", json);
    }

    private static String get(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return r.body();
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
