package io.fluxfs.engine.core;

import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.testkit.s3.S3Servers;
import io.fluxfs.testkit.s3.TestBucket;
import org.junit.jupiter.api.AfterEach;

/**
 * The engine contract against a real S3 server through the CRT client: the embedded S3Proxy by
 * default, MinIO with {@code -Dfluxfs.test.s3=minio}, or {@code FLUXFS_TEST_S3_ENDPOINT}.
 */
class OnEmbeddedS3Test extends FileSystemContract {
    private TestBucket bucket;

    @Override
    protected ObjectStore newStore() {
        bucket = TestBucket.create(S3Servers.forTests());
        return bucket.store();
    }

    @AfterEach
    void dropBucket() {
        bucket.close();
    }
}
