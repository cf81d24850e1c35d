package io.fluxfs.testkit.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.engine.store.StoreException;
import io.fluxfs.engine.store.crt.CrtObjectStores;
import io.fluxfs.engine.store.crt.S3Config;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failures that need no server: the kind a caller's retry policy sees. */
class CrtObjectStoreFailuresTest {

    @Test
    void connectionRefusedIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        S3Config config = S3Config.builder().endpoint("http://127.0.0.1:" + closedPort).bucket("nobody-home")
                .staticCredentials("k", "s").maxRetries(0).connectTimeout(Duration.ofSeconds(2)).build();
        try (ObjectStore store = CrtObjectStores.open(config)) {
            StoreException e = assertThrows(StoreException.class, () -> TestBucket.await(store.head("x")));
            assertEquals(StoreException.Kind.TRANSIENT, e.kind(), e::toString);
            assertTrue(e.retryable());
            assertEquals(StoreException.Verb.HEAD, e.verb());
            assertEquals(0, e.httpStatus());
        }
    }
}
