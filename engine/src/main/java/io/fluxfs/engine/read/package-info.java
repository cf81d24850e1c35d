/**
 * The read path of clean files: one {@link io.fluxfs.engine.read.ReadWindow} per open handle, made by
 * the mount's {@link io.fluxfs.engine.read.Prefetcher}.
 *
 * <h2>The window</h2>
 * A window holds cache blocks (1 MiB by default) of one object version, each in a pooled direct
 * buffer, and tracks which 1/64ths of each block are fetched or in flight. On every read it
 * classifies the access:
 * <ul>
 *   <li><b>Sequential</b> — the first read at offset 0, or a read starting within
 *       {@code seekBackKeep} (1 MiB) before or {@code seekForwardKeep} (4 MiB) after the end of the last
 *       one. When less than half the prefetch distance is left ahead of the reader, the window fetches up
 *       to {@code offset + distance} and doubles the distance, up to {@code maxWindow} (256 MiB). The first
 *       distance is 1 MiB + 128 KiB, so the first GET of a file is that size: a 1 MiB read plus the
 *       kernel's 128 KiB read-ahead need one request. Runs are cut into GETs of at most
 *       {@code requestSize} (8 MiB) that run in parallel.</li>
 *   <li><b>A seek</b> (anything else) resets the window: blocks the read does not touch are dropped and the
 *       distance goes back to the first size. Until the next read continues sequentially, only the blocks
 *       a read touches are fetched, so many small random reads cost one block-sized GET each, and the
 *       block then serves every later read of it (and goes to the cache).</li>
 * </ul>
 * Blocks wholly more than {@code seekBackKeep} behind the reader are dropped. Every GET carries
 * {@code If-Match} with the ETag the window was opened at: an overwrite by another client makes the
 * next GET fail with PRECONDITION_FAILED (ESTALE), never mixes versions. A block already in the block
 * cache is loaded from there instead of fetched; a block that becomes complete from the store is
 * written to the cache.
 *
 * <h2>Concurrency and backpressure</h2>
 * Fetches of a window go through a bounded unicast sink into
 * {@code flatMap(fetch, concurrency = 8, prefetch = 1)}; each fetch is {@code Mono.fromFuture(() -> …)},
 * so at most 8 GETs per handle are in flight and no GET starts before its turn. Store futures complete
 * on store threads; the copy into block buffers, cache I/O and the reader's continuation run on the
 * engine executor. Memory is bounded twice: per handle by the window distance, and for the mount by
 * the {@link io.fluxfs.engine.memory.MemoryBudget} the block buffers come from. When the pool has no
 * buffer, prefetch stops and the distance halves; a read whose own block cannot get a buffer is
 * served without one (from the cache into a temporary block, else one GET of exactly its bytes).
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A block buffer goes back to the pool only when the window and every fetch or cache write using
 *       it are done with it (reference count).</li>
 *   <li>A read copies out only units marked valid, under the window's monitor.</li>
 *   <li>A failed fetch fails the reads waiting for it and leaves its units unfetched, so a later read
 *       retries.</li>
 * </ul>
 */
package io.fluxfs.engine.read;
