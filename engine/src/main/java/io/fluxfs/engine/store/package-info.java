/**
 * The object-store port: the only way the engine talks to S3.
 *
 * <p>{@link io.fluxfs.engine.store.ObjectStore} has one method per S3 verb the engine uses. Every
 * method is asynchronous and returns a {@link java.util.concurrent.CompletableFuture} that completes on
 * the store's own I/O threads (the CRT event loop for the real client): callers must not block in
 * their continuations, and should hop to an engine scheduler before doing real work. Failures are
 * always a {@link io.fluxfs.engine.store.StoreException} carrying the verb, the key and a
 * {@link io.fluxfs.engine.store.StoreException.Kind} — never an SDK type — so retry policy and errno
 * mapping are decided once, on the kind.
 *
 * <p>Implementations: {@code CrtObjectStore} (AWS SDK v2 CRT client, the only code that imports the
 * SDK), and in testkit the strict {@code InMemoryObjectStore}, the {@code FaultInjectingObjectStore}
 * and {@code ThrottledObjectStore} wrappers. Test behaviour comes from wrapping the port, never from
 * flags inside the engine.
 *
 * <p>Values are records: {@link io.fluxfs.engine.store.ObjectMeta}, {@link io.fluxfs.engine.store.ETag},
 * {@link io.fluxfs.engine.store.ByteRange}. User metadata keys are stored lower-case and without the
 * {@code x-amz-meta-} prefix.
 */
package io.fluxfs.engine.store;
