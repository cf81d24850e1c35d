package io.fluxfs.testkit.s3;

/**
 * The smoke against the server of this run: embedded S3Proxy by default, MinIO with
 * {@code -Dfluxfs.test.s3=minio}, or the server in {@code FLUXFS_TEST_S3_ENDPOINT}.
 */
class S3SmokeTest extends S3SmokeContract {
    @Override
    protected S3Endpoint endpoint() {
        return S3Servers.forTests();
    }
}
