package io.fluxfs.testkit.s3;

/** The same smoke against MinIO in Docker; skipped, with the reason, where no Docker engine answers. */
class MinioS3SmokeTest extends S3SmokeContract {
    @Override
    protected S3Endpoint endpoint() {
        return S3Servers.minio();
    }
}
