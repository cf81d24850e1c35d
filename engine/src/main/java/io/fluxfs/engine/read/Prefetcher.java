package io.fluxfs.engine.read;

import io.fluxfs.engine.cache.BlockCache;
import io.fluxfs.engine.cache.ObjectId;
import io.fluxfs.engine.memory.BufferPool;
import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What all read windows of a mount share: the store, the block cache, the buffer pool, the engine
 * executor, the settings and the counters. {@link #open} makes a window for one handle.
 */
public final class Prefetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Prefetcher.class);

    final ObjectStore store;
    final BlockCache cache;
    final BufferPool pool;
    final Executor exec;
    final ReadConfig cfg;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;

    final LongAdder gets = new LongAdder();
    final LongAdder bytesFetched = new LongAdder();
    final LongAdder cacheLoads = new LongAdder();
    final LongAdder unbufferedReads = new LongAdder();
    final LongAdder resets = new LongAdder();
    final LongAdder shrinks = new LongAdder();

    /**
     * @param exec engine threads: fetch results are copied and cache I/O is done there, never on the
     *             store's threads
     */
    public Prefetcher(ObjectStore store, BlockCache cache, BufferPool pool, Executor exec, ReadConfig cfg) {
        if (pool.bufferSize() != cfg.blockSize() || cache.blockSize() != cfg.blockSize()) {
            throw new IllegalArgumentException("pool (" + pool.bufferSize() + "), cache (" + cache.blockSize()
                    + ") and config (" + cfg.blockSize() + ") disagree on the block size");
        }
        this.store = store;
        this.cache = cache;
        this.pool = pool;
        this.exec = exec;
        this.cfg = cfg;
    }

    /** A read window over one version of one object, pinned to {@code etag}. */
    public ReadWindow open(String key, ETag etag, long size) {
        if (closed) {
            throw new IllegalStateException("the prefetcher is closed");
        }
        return new ReadWindow(this, key, etag, ObjectId.of(key, etag), size);
    }

    /** Counts a piece of background work (fetch, cache write) so {@link #close} can wait for it. */
    void begin() {
        inFlight.incrementAndGet();
    }

    void end() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (inFlight) {
                inFlight.notifyAll();
            }
        }
    }

    void releaseBlock(Block b) {
        if (b.releaseRef()) {
            pool.release(b.buf);
        }
    }

    /** Writes a complete block to the cache on an engine thread, then drops the reference it holds. */
    void storeInCache(ObjectId id, Block b) {
        b.retain();
        begin();
        try {
            exec.execute(() -> {
                try {
                    cache.put(id, b.index, b.buf.duplicate().position(0).limit(b.length));
                } catch (RuntimeException e) {
                    LOG.warn("block cache put failed: {}", e.toString());
                } finally {
                    releaseBlock(b);
                    end();
                }
            });
        } catch (RuntimeException e) { // executor full or shut down: the cache is best effort
            releaseBlock(b);
            end();
        }
    }

    ByteBuffer tryBuffer() {
        return pool.tryAcquire();
    }

    public Map<String, Long> status() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("read.gets", gets.sum());
        m.put("read.bytes_fetched", bytesFetched.sum());
        m.put("read.cache_loads", cacheLoads.sum());
        m.put("read.unbuffered_reads", unbufferedReads.sum());
        m.put("read.window_resets", resets.sum());
        m.put("read.window_shrinks", shrinks.sum());
        m.put("memory.budget", pool.budget().limit());
        m.put("memory.used", pool.budget().used());
        m.putAll(cache.stats());
        return m;
    }

    /**
     * Waits (up to 30 s) for fetches and cache writes in flight, then closes the cache. Windows must
     * have been closed. Call from a thread that may block.
     */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (inFlight) {
            long left;
            while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(inFlight, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (inFlight.get() > 0) {
            LOG.warn("closing the block cache with {} reads or writes still in flight", inFlight.get());
        }
        cache.close();
    }
}
