package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The shared contract against the in-memory store. After each test the store must be clean: the
 * contract awaited every request, aborted or completed every upload, and never blocked an I/O thread.
 */
class InMemoryObjectStoreContractTest extends ObjectStoreContract {

    private final List<InMemoryObjectStore> opened = new ArrayList<>();

    @Override
    protected ObjectStore store() {
        return open(InMemoryObjectStore.builder().bucket("contract").build());
    }

    @Override
    protected ObjectStore storeWithoutBucket() {
        return open(InMemoryObjectStore.builder().bucket("unborn").withoutBucket().build());
    }

    @AfterEach
    void storesAreCleanAndClosed() {
        try {
            opened.forEach(InMemoryObjectStore::assertClean);
        } finally {
            opened.forEach(InMemoryObjectStore::close);
        }
    }

    private InMemoryObjectStore open(InMemoryObjectStore store) {
        opened.add(store);
        return store;
    }
}
