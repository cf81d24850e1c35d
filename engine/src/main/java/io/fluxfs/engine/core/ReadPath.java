package io.fluxfs.engine.core;

import io.fluxfs.engine.cache.BlockCache;
import io.fluxfs.engine.memory.BufferPool;
import io.fluxfs.engine.memory.MemoryBudget;
import io.fluxfs.engine.read.Prefetcher;
import io.fluxfs.engine.read.ReadConfig;
import io.fluxfs.engine.read.ReadWindow;
import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.ObjectStore;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The read path. A staged file is read from its staging file; a clean one through the handle's
 * {@link ReadWindow} (prefetching, pinned to the ETag the file was opened at, backed by the block
 * cache). Windows are per handle, made at the first clean read and dropped at release; a window whose
 * version is no longer the file's base (the file was uploaded meanwhile) is replaced.
 */
final class ReadPath implements AutoCloseable {
    private final Executor exec;
    private final Namespace ns;
    private final MemoryBudget memory;
    private final Prefetcher prefetcher;
    private final ConcurrentHashMap<Long, ReadWindow> windows = new ConcurrentHashMap<>();

    ReadPath(ObjectStore store, EngineConfig cfg, Executor exec, Namespace ns) {
        this.exec = exec;
        this.ns = ns;
        ReadConfig rc = cfg.read();
        this.memory = new MemoryBudget(cfg.memoryBudget());
        BlockCache cache = rc.cacheDir() == null
                ? BlockCache.none(rc.blockSize())
                : BlockCache.open(rc.cacheDir(), rc.cacheSize(), rc.blockSize());
        this.prefetcher = new Prefetcher(store, cache, new BufferPool(memory, rc.blockSize()), exec, rc);
    }

    /** The budget read windows draw from; the write path is meant to share it. */
    MemoryBudget memory() {
        return memory;
    }

    /** Up to {@code size} bytes at {@code offset}; fewer only at the end of the file. */
    CompletableFuture<ByteBuffer> read(FileHandle h, long offset, int size) {
        OpenFile of = h.file();
        CompletableFuture<Void> staged;
        ETag etag;
        long baseSize;
        synchronized (of) {
            staged = of.stagingReady;
            etag = of.baseEtag;
            baseSize = of.baseSize;
        }
        if (staged != null) {
            return staged.thenApplyAsync(v -> {
                synchronized (of) {
                    return of.readStaging(offset, size);
                }
            }, exec);
        }
        if (etag == null || offset >= baseSize) {
            return CompletableFuture.completedFuture(ByteBuffer.allocate(0));
        }
        ReadWindow w = windows.compute(h.id(), (id, old) -> {
            if (old != null && old.reads(etag, baseSize)) {
                return old;
            }
            if (old != null) {
                old.close();
            }
            return prefetcher.open(ns.fileKey(of.inode), etag, baseSize);
        });
        return w.read(offset, size);
    }

    /** The handle is gone: drop its window. */
    void release(long handle) {
        ReadWindow w = windows.remove(handle);
        if (w != null) {
            w.close();
        }
    }

    Map<String, Long> status() {
        Map<String, Long> m = new java.util.LinkedHashMap<>(prefetcher.status());
        m.put("read.windows", (long) windows.size());
        return m;
    }

    /** Drops every window, waits for cache writes in flight and closes the cache. Blocks. */
    @Override
    public void close() {
        for (Long h : windows.keySet()) {
            release(h);
        }
        prefetcher.close();
    }
}
