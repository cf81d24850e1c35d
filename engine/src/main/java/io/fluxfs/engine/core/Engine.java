package io.fluxfs.engine.core;

import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.store.MeteredObjectStore;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.engine.store.RetryingObjectStore;

/** Builds the engine's {@link FileSystem} over an object store. */
public final class Engine {
    private Engine() {
    }

    /**
     * A filesystem over {@code store}, which it retries with backoff and meters (every attempt counts). The store is not closed by the
     * filesystem's {@code close()}: its owner closes it after.
     */
    public static FileSystem open(ObjectStore store, EngineConfig config) {
        MeteredObjectStore metered = new MeteredObjectStore(store);
        return new FluxFileSystem(RetryingObjectStore.withDefaults(metered), metered, config);
    }

    /** Like {@link #open}, but closing the filesystem also closes {@code store} (after the last upload). */
    public static FileSystem openOwning(ObjectStore store, EngineConfig config) {
        MeteredObjectStore metered = new MeteredObjectStore(store);
        FluxFileSystem fs = new FluxFileSystem(RetryingObjectStore.withDefaults(metered), metered, config);
        fs.closeStoreOnClose();
        return fs;
    }

    /** Without the retrying wrapper: for tests that count every request. */
    public static FileSystem openUnretried(ObjectStore store, EngineConfig config) {
        MeteredObjectStore metered = new MeteredObjectStore(store);
        return new FluxFileSystem(metered, metered, config);
    }
}
