package io.fluxfs.engine.store.crt;

import io.fluxfs.engine.store.ObjectStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3CrtAsyncClientBuilder;

/**
 * Builds the CRT-based {@link S3AsyncClient} for an {@link S3Config}. The settings here were each
 * measured against MinIO and S3Proxy; change one only with a test that shows why.
 */
final class CrtClients {

    /**
     * Above any single request the port makes (5 GiB), so the CRT never starts its own multipart
     * upload or copy: the engine drives multipart itself, and S3Proxy cannot complete the CRT's
     * (it mishandles {@code Expect: 100-continue}).
     */
    static final long NO_AUTOMATIC_MULTIPART = 2 * ObjectStore.MAX_PART_SIZE;

    private CrtClients() {
    }

    static S3AsyncClient build(S3Config config) {
        S3CrtAsyncClientBuilder b = S3AsyncClient.crtBuilder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config.credentials()))
                .forcePathStyle(config.pathStyle())
                .targetThroughputInGbps(config.targetThroughputGbps())
                .minimumPartSizeInBytes(config.partSizeBytes())
                .thresholdInBytes(NO_AUTOMATIC_MULTIPART)
                // Checksums only where S3 demands them (DeleteObjects): other stores reject or
                // mis-handle the trailing checksums the SDK would add by default.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpConfiguration(h -> h.connectionTimeout(config.connectTimeout()))
                .retryConfiguration(r -> r.numRetries(config.maxRetries()))
                // Complete futures on the CRT's event-loop threads; no hop through the SDK's pool.
                // The port forbids blocking in continuations, which is what makes this safe.
                .futureCompletionExecutor(Runnable::run);
        if (config.maxConcurrency() > 0) {
            b.maxConcurrency(config.maxConcurrency());
        }
        if (config.endpoint() != null) {
            b.endpointOverride(config.endpoint());
        }
        return b.build();
    }

    static AwsCredentialsProvider credentials(S3Credentials credentials) {
        if (credentials instanceof S3Credentials.Static s) {
            return StaticCredentialsProvider.create(s.sessionToken() == null
                    ? AwsBasicCredentials.create(s.accessKey(), s.secretKey())
                    : AwsSessionCredentials.create(s.accessKey(), s.secretKey(), s.sessionToken()));
        }
        if (credentials instanceof S3Credentials.Profile p) {
            return ProfileCredentialsProvider.create(p.name());
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
