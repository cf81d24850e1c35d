package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.testkit.s3.S3Endpoint;
import io.fluxfs.testkit.s3.S3Servers;
import io.fluxfs.testkit.s3.TestBucket;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The same contract body as {@link InMemoryObjectStoreContractTest}, against a real S3 server through
 * the CRT client: what the fake refuses, the real store refuses too.
 */
class CrtObjectStoreContractTest extends ObjectStoreContract {

    private final List<AutoCloseable> opened = new ArrayList<>();

    @Override
    protected ObjectStore store() {
        TestBucket bucket = TestBucket.create(S3Servers.forTests());
        opened.add(bucket);
        return bucket.store();
    }

    @Override
    protected ObjectStore storeWithoutBucket() {
        S3Endpoint endpoint = S3Servers.forTests();
        ObjectStore store = endpoint.open("unborn-" + UUID.randomUUID().toString().substring(0, 8));
        opened.add(store);
        return store;
    }

    @Override
    protected String lenientServer() {
        String name = S3Servers.forTests().name();
        return name.startsWith("embedded")
                ? "S3Proxy 4.1 (the embedded server) does not enforce this S3 rule; run with FLUXFS_TEST_S3_ENDPOINT or -Dfluxfs.test.s3=minio to check it"
                : null;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }
}
