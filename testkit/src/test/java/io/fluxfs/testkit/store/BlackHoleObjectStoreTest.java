package io.fluxfs.testkit.store;

import static io.fluxfs.testkit.store.ObjectStoreContract.await;
import static io.fluxfs.testkit.store.ObjectStoreContract.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxfs.engine.store.CompletedPart;
import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.StoreException.Kind;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlackHoleObjectStoreTest {

    @Test
    void acceptsWritesCountsBytesAndKeepsNothing() {
        BlackHoleObjectStore store = new BlackHoleObjectStore();
        ByteBuffer body = ByteBuffer.allocate(100);
        await(store.put("k", body, ObjectAttributes.NONE));
        assertEquals(100, body.remaining(), "the body is not consumed");
        String id = await(store.createMultipartUpload("m", ObjectAttributes.NONE));
        CompletedPart p = await(store.uploadPart("m", id, 1, ByteBuffer.allocate(50)));
        assertTrue(await(store.completeMultipartUpload("m", id, List.of(p))).value().endsWith("-1"));

        assertEquals(150, store.bytesIn());
        assertEquals(2, store.writes());
        assertEquals(Kind.NOT_FOUND, failure(store.head("k")).kind());
        store.reset();
        assertEquals(0, store.bytesIn());
    }
}
