/**
 * Real S3 servers for tests, demos and benchmarks, reached only through the engine's
 * {@link io.fluxfs.engine.store.ObjectStore} port.
 *
 * <p>Parts: {@link io.fluxfs.testkit.s3.S3Endpoint} (a server and its keys; opens a CRT store for a
 * bucket), {@link io.fluxfs.testkit.s3.S3Servers} (picks the server of this run: embedded S3Proxy by
 * default, MinIO in Docker with {@code -Dfluxfs.test.s3=minio}, or an external one from
 * {@code FLUXFS_TEST_S3_ENDPOINT}), {@link io.fluxfs.testkit.s3.EmbeddedS3} (S3Proxy in this JVM,
 * memory or file store), {@link io.fluxfs.testkit.s3.TestBucket} (a fresh bucket and a ready store per
 * test) and {@link io.fluxfs.testkit.s3.EmbeddedS3Launcher} (the server as a process, for the demo and
 * bench).
 *
 * <p>Invariants: servers bind 127.0.0.1 only and use throwaway keys; each kind of server starts at most
 * once per JVM and is shared, so tests isolate themselves by bucket, never by server; a server that
 * cannot run here (no Docker for MinIO) makes the test <em>skipped with the reason</em>, never silently
 * passed. S3Proxy limits worth knowing: signed bodies over 128 MiB are refused, the memory store keeps
 * every object on the heap, and the file store fails keys whose path exceeds local file-name limits.
 */
package io.fluxfs.testkit.s3;
