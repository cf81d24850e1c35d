package io.fluxfs.testkit.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxfs.engine.store.crt.S3Config;
import io.fluxfs.engine.store.crt.S3Credentials;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The config refuses bad values and names them (lives here: the engine has no test tree of mine). */
class S3ConfigTest {

    private static S3Config.Builder valid() {
        return S3Config.builder().endpoint("http://127.0.0.1:9000").bucket("demo").staticCredentials("k", "s");
    }

    @Test
    void pathStyleDefaultsOnForEndpointsAndOffForAws() {
        assertTrue(valid().build().pathStyle());
        S3Config aws = S3Config.builder().bucket("demo").build();
        assertFalse(aws.pathStyle());
        assertTrue(aws.isAws());
        assertEquals(new S3Credentials.DefaultChain(), aws.credentials());
    }

    @Test
    void badValuesAreNamedInTheMessage() {
        assertMessageNames("Bad_Bucket", () -> valid().bucket("Bad_Bucket").build());
        assertMessageNames("ftp://host", () -> valid().endpoint("ftp://host").build());
        assertMessageNames("http://host:9000/bucket", () -> valid().endpoint("http://host:9000/bucket").build());
        assertMessageNames("US East", () -> valid().region("US East").build());
        assertMessageNames("-1", () -> valid().maxConcurrency(-1).build());
        assertMessageNames("1024", () -> valid().partSizeBytes(1024).build());
        assertMessageNames("PT-1S", () -> valid().requestTimeout(Duration.ofSeconds(-1)).build());
        assertMessageNames("PT0S", () -> valid().connectTimeout(Duration.ZERO).build());
        assertMessageNames("0.0", () -> valid().targetThroughputGbps(0).build());
    }

    @Test
    void staticCredentialsHideTheSecret() {
        String shown = S3Credentials.of("AKIA", "very-secret").toString();
        assertTrue(shown.contains("AKIA"));
        assertFalse(shown.contains("very-secret"));
    }

    private static void assertMessageNames(String value, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().contains(value), () -> "message '" + e.getMessage() + "' does not name " + value);
    }
}
