package io.fluxfs.engine.core;

import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.testkit.store.InMemoryObjectStore;
import org.junit.jupiter.api.AfterEach;

/**
 * The engine contract against the strict in-memory store, which also checks at the end of every test
 * that nothing was left behind: no pending multipart upload, no request in flight, no blocking on a
 * store thread.
 */
class OnInMemoryStoreTest extends FileSystemContract {
    private InMemoryObjectStore mem;

    @Override
    protected ObjectStore newStore() {
        mem = InMemoryObjectStore.create();
        return mem;
    }

    @AfterEach
    void nothingLeftBehind() {
        mem.assertClean();
    }
}
