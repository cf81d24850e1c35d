/**
 * The engine: a POSIX-like filesystem over the objects of one bucket (and prefix).
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@code Namespace} — the inode table and metadata cache. Inodes form a tree of (parent, name), so
 *       a rename moves one node and its whole subtree follows. Attributes are cached with a TTL
 *       ({@link io.fluxfs.engine.core.EngineConfig#metadataTtl()}); directories cache children, negative
 *       names and whether the cached children are the whole listing. Listing pages give size, ETag and
 *       mtime; mode, owner and xattrs (headers only HEAD returns) are fetched lazily, once, when a
 *       lookup needs them. The table is bounded: clean, expired entries go first.</li>
 *   <li>{@code OpenFile} — the data of a file while it is open or has changes not yet stored. Clean
 *       reads are ranged GETs pinned to the ETag the file was opened at (If-Match: an overwrite by
 *       another client gives ESTALE, never mixed bytes). The first write stages the file in a sparse
 *       local file (downloading the kept content first); flush, fsync and the last release upload it.</li>
 *   <li>{@code Transfers} — whole-object movement: one PUT up to 16 MiB (or the part size), else a
 *       multipart upload whose part size grows so any file fits in 10,000 parts; server-side copies
 *       (multipart UploadPartCopy above 5 GiB); downloads in part-sized ranged GETs. Every flatMap has
 *       explicit concurrency and prefetch 1, so buffers in flight are bounded.</li>
 *   <li>{@code FluxFileSystem} — the {@link io.fluxfs.engine.fs.FileSystem} API on top.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Store futures complete on the store's threads (the CRT event loop); every continuation hops to the
 * engine pool ({@code fluxfs-engine-N}, bounded queue), where staging-file I/O also runs. No engine code
 * blocks a store thread, and the API's futures always complete on the engine pool.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A name with local state (open or dirty) is never contradicted by the store.</li>
 *   <li>Metadata changes on an open file ride along with its next upload; on a closed file they cost
 *       one self-copy (CopyObject onto itself, REPLACE, pinned with If-Match).</li>
 *   <li>One sync of a file at a time; a change that raced with an upload leaves the file dirty.</li>
 *   <li>Store errors become {@link io.fluxfs.engine.fs.FsException} in one place ({@code StoreErrors});
 *       retryable ones have been retried with backoff ({@link io.fluxfs.engine.store.RetryingObjectStore})
 *       before they get there.</li>
 * </ul>
 */
package io.fluxfs.engine.core;
