package io.fluxfs.engine.model;

import io.fluxfs.testkit.s3.S3Servers;
import io.fluxfs.testkit.s3.TestBucket;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

/**
 * The same random runs against a real S3 server through the CRT client (the embedded S3Proxy by default;
 * MinIO with {@code -Dfluxfs.test.s3=minio}). Fewer steps, the whole state compared every few steps.
 */
class ModelOnEmbeddedS3Test {
    static final int STEPS = 200;

    static List<Long> seeds() {
        Long one = Long.getLong("fluxfs.model.seed");
        return one != null ? List.of(one) : List.of(101L, 102L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void engineBehavesLikeTheModel(long seed, @TempDir Path staging) {
        try (TestBucket bucket = TestBucket.create(S3Servers.forTests())) {
            new ModelRun(bucket.store(), staging, new ModelRun.Settings(seed, STEPS, 5, 0, false).fromSystemProperties()).run();
        }
    }
}
