/**
 * Stores for tests and benchmarks, all behind the engine's {@link io.fluxfs.engine.store.ObjectStore}
 * port: new test behaviour comes from wrapping the port, never from flags in the engine.
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@link io.fluxfs.testkit.store.InMemoryObjectStore} — a strict S3 bucket in memory, with
 *       request and byte counters, end-of-test checks ({@code assertNoPendingUploads},
 *       {@code assertNoRequestsInFlight}, {@code assertNoBlockingOnStoreThreads}, {@code assertClean})
 *       and helpers that act as another S3 client ({@code putDirect}, {@code deleteDirect},
 *       {@code snapshot}). Content is held as shared slices of byte arrays ({@code Blob}): copies and
 *       UploadPartCopy copy no bytes.</li>
 *   <li>{@link io.fluxfs.testkit.store.FaultInjectingObjectStore} — wraps any store; {@link
 *       io.fluxfs.testkit.store.FaultRule}s fail, delay, hang or time out chosen calls (n-th, first n,
 *       seeded random fraction), before or after the store applied them; a partition fails everything
 *       until healed.</li>
 *   <li>{@link io.fluxfs.testkit.store.ThrottledObjectStore} — wraps any store with per-request latency
 *       and a shared bandwidth (virtual token bucket per direction).</li>
 *   <li>{@link io.fluxfs.testkit.store.BlackHoleObjectStore} — swallows writes and counts bytes, for
 *       write-path JMH.</li>
 * </ul>
 *
 * <h2>What the in-memory store refuses, as S3 does</h2>
 * <ul>
 *   <li>keys that are empty, longer than 1024 UTF-8 bytes, or not valid UTF-16 → INVALID_REQUEST;</li>
 *   <li>user metadata above 2 KiB (UTF-8 bytes of lower-cased names without {@code x-amz-meta-}, plus
 *       values) → INVALID_REQUEST;</li>
 *   <li>GET ranges starting at or past the end → INVALID_RANGE (a zero-byte object reads empty from 0);
 *       an empty range, which has no HTTP form → INVALID_REQUEST; If-Match mismatch →
 *       PRECONDITION_FAILED (on GET, CopyObject and UploadPartCopy);</li>
 *   <li>multipart: unknown, aborted or completed upload id, or an id used with another key →
 *       NOT_FOUND; part number outside 1..10,000 → INVALID_REQUEST; at Complete, no parts, more than
 *       10,000, part numbers not strictly ascending, a part or ETag never uploaded, or a part other than
 *       the last below 5 MiB → INVALID_REQUEST, leaving the upload open as S3 does;</li>
 *   <li>UploadPartCopy ranges not inside the source, CopyObject sources and single requests above
 *       5 GiB, copying an object onto itself without REPLACE → INVALID_REQUEST;</li>
 *   <li>DeleteObjects with 0 or more than 1000 keys → INVALID_REQUEST (a bad key inside is reported as
 *       not deleted); createBucket of an existing bucket → CONFLICT; any object verb on a bucket that
 *       does not exist → NOT_FOUND.</li>
 * </ul>
 * ETags are the content MD5 for PUT and CopyObject, and MD5-of-part-MD5s plus {@code -N} for multipart.
 * LastModified and upload initiation come from an injected {@link java.time.Clock}. Listings follow
 * ListObjectsV2: UTF-8 byte order, prefix, delimiter with common prefixes (counted toward
 * {@code maxKeys}), truncation only when more follows, and continuation tokens that resume after the
 * last returned key or prefix, so concurrent inserts neither repeat nor skip keys already passed.
 * Content-Type defaults to {@code binary/octet-stream}; metadata names come back lower-case.
 *
 * <h2>Threads</h2>
 * Every store here except the black hole completes futures on its own daemon I/O threads, never on the
 * caller's, and those threads implement Reactor's {@code NonBlocking} marker, so {@code block()} in a
 * continuation fails at once. The in-memory store's futures also refuse {@code join()/get()} while
 * pending on any fake's I/O thread and record it for {@code assertNoBlockingOnStoreThreads}. Wrappers
 * schedule their delays on a {@link java.util.concurrent.ScheduledExecutorService}; nothing here sleeps.
 * Closing a wrapper fails what it still holds, then closes the wrapped store.
 */
package io.fluxfs.testkit.store;
