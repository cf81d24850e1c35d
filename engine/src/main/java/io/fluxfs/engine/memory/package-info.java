/**
 * Memory the engine holds for files, under one budget.
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@link io.fluxfs.engine.memory.MemoryBudget} — a byte counter with a hard limit. Reservations
 *       never wait; a full budget answers "no" and the caller does less.</li>
 *   <li>{@link io.fluxfs.engine.memory.BufferPool} — direct buffers of one size (the cache block size)
 *       drawn from the budget and recycled, so the steady state allocates nothing and keeps no
 *       multi-MiB {@code byte[]} on the heap.</li>
 * </ul>
 *
 * <h2>Backpressure</h2>
 * Read windows take one pooled buffer per block they hold or fetch. When the pool says no, a window
 * stops prefetching and halves its target (it grows again when memory frees up); the block a reader
 * is waiting for is then served without a window buffer (straight from the cache or with a GET of
 * just the bytes asked for). So memory never exceeds the budget, and a full budget slows prefetch
 * instead of failing reads. The write path will take its buffers from the same budget and wait
 * (writers wait, prefetch shrinks).
 */
package io.fluxfs.engine.memory;
