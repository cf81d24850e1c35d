package io.fluxfs.testkit.s3;

import io.fluxfs.engine.store.ListRequest;
import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.ObjectStore;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestBucketTest {

    /** DeleteObjects takes at most 1,000 keys: close() must delete a larger leftover in batches. */
    @Test
    void closeEmptiesABucketWithMoreKeysThanOneDeleteBatch() {
        TestBucket bucket = TestBucket.create(S3Servers.forTests());
        ObjectStore other = bucket.endpoint().open(bucket.name());
        try {
            int n = ObjectStore.MAX_DELETE_BATCH + 1;
            CompletableFuture.allOf(IntStream.range(0, n)
                    .mapToObj(i -> bucket.store().put("k" + i, ByteBuffer.allocate(0), ObjectAttributes.NONE))
                    .toArray(CompletableFuture[]::new)).join();
            bucket.close();
            assertEquals(0, TestBucket.await(other.list(new ListRequest("", null, null, 1000))).objects().size());
        } finally {
            other.close();
        }
    }
}
