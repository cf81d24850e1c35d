/**
 * The persistent block cache: fixed-size blocks of object versions on local disk, found again after
 * a remount.
 *
 * <h2>Layout</h2>
 * A cache directory holds {@code index.cm}, a Chronicle Map (off-heap, memory-mapped) from
 * (128-bit {@link io.fluxfs.engine.cache.ObjectId} of key + ETag, block number) to (slot, length,
 * CRC32C), and {@code blocks.slab}, a file of fixed-size slots with the payloads; {@code layout} names
 * the block size and entry count (another layout starts the cache empty) and {@code lock} keeps a
 * second mount out. Payloads are not Chronicle Map values but slots of the slab, and the map stays
 * small and fixed-size (24-byte keys, 16-byte values). {@code BlockCacheBenchmark} measures both
 * layouts with 1 MiB blocks; on the (very noisy, shared 2-core) machine of the first measurement the
 * slab put was faster (~3,100 vs ~940 ops/s) and the slab hit slower (~950 vs ~7,500 ops/s; error bars
 * over ±100%): a slab hit pays a pread syscall and a CRC32C of the whole block, which the
 * Chronicle-values baseline does not check. The slab stays because (a) every hit is verified, which is
 * what "a corrupted or half-written block is never served" needs, (b) replacing a 1 MiB value holds a
 * Chronicle segment lock for the whole copy and churns its off-heap allocator, and (c) the read window
 * loads a block once per 1 MiB and then serves 8 FUSE reads from memory, so the hit path is not per
 * read. Memory-mapping the slab (no syscall) is the next step if a quiet machine confirms the gap.
 *
 * <h2>Correctness</h2>
 * <ul>
 *   <li><b>Never stale.</b> The ETag is part of the key, so an overwritten object's blocks are never
 *       found for the new version; they age out.</li>
 *   <li><b>Never torn.</b> A put removes the victim's index entry, then writes the payload, then adds the
 *       new entry; a get checks length and CRC32C, and a per-slot sequence number (odd while a slot is
 *       rewritten) catches a concurrent eviction. A crash leaves at worst an entry whose CRC no longer
 *       matches: it is dropped on read and the block is fetched again. A truncated slab loses the cut
 *       blocks; an index Chronicle cannot open (or recover after an unclean shutdown) starts the cache
 *       empty.</li>
 *   <li><b>Bounded.</b> Slots = (size − index file) / block size, so index and slab together stay within
 *       the configured size.</li>
 * </ul>
 *
 * <h2>Eviction</h2>
 * CLOCK over slots (one reference bit each, set by a hit). New blocks start unreferenced, so a file
 * read once is evicted before blocks that were read again: a large scan does not flush the working
 * set. Allocation is under one lock; payload I/O is outside it.
 */
package io.fluxfs.engine.cache;
