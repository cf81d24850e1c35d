package io.fluxfs.engine.store.crt;

import io.fluxfs.engine.store.ObjectStore;

/** The public way in to the CRT-backed store; the implementation itself stays package-private. */
public final class CrtObjectStores {

    private CrtObjectStores() {
    }

    /**
     * Builds a CRT client for the config and the store on top of it. Makes no request: a wrong
     * endpoint or key shows up on the first call. Close the store to release the client's native
     * threads and connections.
     */
    public static ObjectStore open(S3Config config) {
        return new CrtObjectStore(config, CrtClients.build(config));
    }
}
