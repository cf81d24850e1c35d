package io.fluxfs.testkit.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a run picks its server, without starting any but the shared embedded one. */
class S3ServersTest {

    private static final Map<String, String> EXTERNAL = Map.of(
            S3Servers.ENV_ENDPOINT, "http://10.0.0.5:9000",
            S3Servers.ENV_ACCESS_KEY, "ak",
            S3Servers.ENV_SECRET_KEY, "sk",
            S3Servers.ENV_REGION, "eu-west-1");

    @Test
    void environmentEndpointWinsOverTheEmbeddedDefault() {
        S3Endpoint e = S3Servers.choose("embedded", EXTERNAL);
        assertEquals(URI.create("http://10.0.0.5:9000"), e.uri());
        assertEquals("eu-west-1", e.region());
        assertEquals("ak", e.accessKey());
        assertEquals("external", e.name());
        assertFalse(e.toString().contains("sk"), "the secret stays out of reports");
    }

    @Test
    void withoutEnvironmentTheEmbeddedServerOnLoopbackIsUsed() {
        S3Endpoint e = S3Servers.choose(null, Map.of());
        assertEquals("127.0.0.1", e.uri().getHost());
        assertEquals(S3Servers.embedded(), e, "started once per JVM");
    }

    @Test
    void misconfigurationIsNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> S3Servers.choose("localstack", Map.of()));
        assertTrue(unknown.getMessage().contains("'localstack'"), unknown.getMessage());

        IllegalStateException noKeys = assertThrows(IllegalStateException.class,
                () -> S3Servers.choose("embedded", Map.of(S3Servers.ENV_ENDPOINT, "http://h:9000")));
        assertTrue(noKeys.getMessage().contains(S3Servers.ENV_ACCESS_KEY), noKeys.getMessage());

        IllegalStateException external = assertThrows(IllegalStateException.class,
                () -> S3Servers.choose("external", Map.of()));
        assertTrue(external.getMessage().contains(S3Servers.ENV_ENDPOINT), external.getMessage());
    }
}
