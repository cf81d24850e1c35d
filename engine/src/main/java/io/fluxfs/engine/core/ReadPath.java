package io.fluxfs.engine.core;

import io.fluxfs.engine.store.ByteRange;
import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.ObjectStore;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The read path. A staged file is read from its staging file; a clean one from the store with ranged
 * GETs pinned to the ETag it was opened at (If-Match), through a one-chunk read-ahead buffer. The
 * read-path work replaces the inside of this class with a prefetching read window and the block
 * cache, behind the same method.
 */
final class ReadPath {
    private final ObjectStore store;
    private final EngineConfig cfg;
    private final Executor exec;
    private final Namespace ns;

    ReadPath(ObjectStore store, EngineConfig cfg, Executor exec, Namespace ns) {
        this.store = store;
        this.cfg = cfg;
        this.exec = exec;
        this.ns = ns;
    }

    /** Up to {@code size} bytes at {@code offset}; fewer only at the end of the file. */
    CompletableFuture<ByteBuffer> read(OpenFile of, long offset, int size) {
        CompletableFuture<Void> staged;
        synchronized (of) {
            staged = of.stagingReady;
            if (staged == null) {
                ByteBuffer hit = cachedChunk(of, offset, size);
                if (hit != null) {
                    return CompletableFuture.completedFuture(hit);
                }
            }
        }
        if (staged != null) {
            return staged.thenApplyAsync(v -> {
                synchronized (of) {
                    return of.readStaging(offset, size);
                }
            }, exec);
        }
        return readFromStore(of, offset, size);
    }

    private static ByteBuffer cachedChunk(OpenFile of, long offset, int size) {
        long n = Math.max(0, Math.min(size, of.size - offset));
        if (n == 0) {
            return ByteBuffer.allocate(0);
        }
        ByteBuffer c = of.chunk;
        if (c != null && offset >= of.chunkOffset && offset + n <= of.chunkOffset + c.limit()) {
            return c.slice((int) (offset - of.chunkOffset), (int) n);
        }
        return null;
    }

    private CompletableFuture<ByteBuffer> readFromStore(OpenFile of, long offset, int size) {
        long baseSize;
        ETag etag;
        synchronized (of) {
            baseSize = of.baseSize;
            etag = of.baseEtag;
        }
        if (offset >= baseSize || etag == null) {
            return CompletableFuture.completedFuture(ByteBuffer.allocate(0));
        }
        long want = Math.min(Math.max(size, cfg.readChunk()), baseSize - offset);
        return store.get(ns.fileKey(of.inode), ByteRange.of(offset, want), etag)
                .thenApplyAsync(r -> {
                    synchronized (of) {
                        of.chunk = r.data();
                        of.chunkOffset = offset;
                        ByteBuffer hit = cachedChunk(of, offset, size);
                        return hit != null ? hit : ByteBuffer.allocate(0);
                    }
                }, exec);
    }

}
