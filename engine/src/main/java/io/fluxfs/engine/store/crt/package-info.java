/**
 * The {@link io.fluxfs.engine.store.ObjectStore} port on the AWS SDK v2 CRT S3 client: the only code in
 * the engine that imports the SDK.
 *
 * <p>Parts: {@link io.fluxfs.engine.store.crt.S3Config} and
 * {@link io.fluxfs.engine.store.crt.S3Credentials} (validated values, no SDK types),
 * {@link io.fluxfs.engine.store.crt.CrtObjectStores} (the public factory), {@code CrtClients} (builds the
 * client with the settings measured to work on MinIO and S3Proxy), {@code CrtObjectStore} (one SDK call
 * per verb), {@code SdkValues} (SDK responses to port records) and {@code StoreErrors} (the single
 * SDK-exception to {@link io.fluxfs.engine.store.StoreException} table).
 *
 * <p>Invariants:
 * <ul>
 *   <li>Futures complete on CRT event-loop threads; nothing here blocks, and neither may callers'
 *       continuations. Cancelling a future aborts its request.</li>
 *   <li>Every failure is mapped to a {@code StoreException} exactly once and keeps the SDK exception as
 *       its cause.</li>
 *   <li>The CRT never splits uploads or copies on its own (threshold above 5 GiB): the engine drives
 *       multipart through the port. It may still split a large GET into parallel ranged GETs of
 *       {@code partSizeBytes}; that is invisible to callers.</li>
 *   <li>Checksums are calculated and validated only where S3 requires them, since other stores
 *       reject the SDK's default trailing checksums.</li>
 *   <li>A zero-byte object reads as empty, with or without a range starting at 0, even on stores that
 *       answer such a read with 416.</li>
 * </ul>
 */
package io.fluxfs.engine.store.crt;
