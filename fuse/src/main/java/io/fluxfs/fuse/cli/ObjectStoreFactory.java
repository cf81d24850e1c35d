package io.fluxfs.fuse.cli;

import io.fluxfs.engine.store.ObjectStore;

/**
 * Builds an {@link ObjectStore} for {@code fluxfs mkfs} and for creating the embedded server's
 * bucket. Provided through {@link java.util.ServiceLoader} like {@link FileSystemFactory}. Throws
 * {@link StartupException} with a one-line reason when the endpoint cannot be used.
 */
@FunctionalInterface
public interface ObjectStoreFactory {

    ObjectStore create(StoreConfig config) throws StartupException;
}
