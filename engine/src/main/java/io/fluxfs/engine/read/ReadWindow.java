package io.fluxfs.engine.read;

import io.fluxfs.engine.cache.ObjectId;
import io.fluxfs.engine.store.ByteRange;
import io.fluxfs.engine.store.ETag;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The read window of one open handle over one object version (pinned to its ETag). See the package
 * design note for the policy; in short: sequential reads grow the prefetch distance ×2 per refill up to
 * {@link ReadConfig#maxWindow()}, a seek within {@link ReadConfig#seekBackKeep()} back or
 * {@link ReadConfig#seekForwardKeep()} forward keeps it, anything else resets it, and random reads
 * fetch only the blocks they touch.
 *
 * <p>Fetches (ranged GETs, or loads from the block cache) go through one Reactor pipeline per window,
 * {@code flatMap(run, concurrency, 1)}, fed by a bounded unicast sink. State is guarded by this
 * object's monitor, held only for bookkeeping and for copying out one read (at most the read's size).
 * {@link #read} completes on an engine thread (or at once, on the caller's, when the bytes are
 * there); it never blocks.
 */
public final class ReadWindow {
    private static final int MAX_QUEUED = 1024;
    private static final int MAX_ATTEMPTS = 32;

    private final Prefetcher p;
    private final String key;
    private final ETag etag;
    private final ObjectId id;
    private final long size;
    private final int bs;
    private final ReadConfig cfg;
    private final TreeMap<Long, Block> blocks = new TreeMap<>();
    private final Sinks.Many<Fetch> queue = Sinks.many().unicast().onBackpressureBuffer(Queues.<Fetch>get(MAX_QUEUED).get());

    private long lastEnd = -1;
    private int seqRun;
    private long target;
    private long aheadEnd;
    private boolean closed;

    ReadWindow(Prefetcher p, String key, ETag etag, ObjectId id, long size) {
        this.p = p;
        this.key = key;
        this.etag = etag;
        this.id = id;
        this.size = size;
        this.cfg = p.cfg;
        this.bs = cfg.blockSize();
        this.target = cfg.firstRequest();
        queue.asFlux().flatMap(this::run, cfg.concurrency(), 1).subscribe();
    }

    /** True if this window reads the given version. */
    public boolean reads(ETag e, long s) {
        return etag.equals(e) && size == s;
    }

    /** Up to {@code length} bytes at {@code offset}; fewer only at the end of the object. */
    public CompletableFuture<ByteBuffer> read(long offset, int length) {
        if (offset >= size || length <= 0) {
            return CompletableFuture.completedFuture(ByteBuffer.allocate(0));
        }
        long end = Math.min(size, offset + length);
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("read window is closed"));
            }
            track(offset, end);
        }
        return serve(offset, end, 0);
    }

    /** Drops every block; fetches still queued are skipped. */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Block b : blocks.values()) {
            drop(b);
        }
        blocks.clear();
        queue.tryEmitComplete();
    }

    // ------------------------------------------------------------------ policy

    /** Classifies the read as sequential or a seek, and moves the window. Under the monitor. */
    private void track(long offset, long end) {
        if (lastEnd < 0) {
            seqRun = offset == 0 ? 1 : 0;
        } else if (offset >= lastEnd - cfg.seekBackKeep() && offset <= lastEnd + cfg.seekForwardKeep()) {
            seqRun = Math.min(seqRun + 1, 1 << 20);
        } else {
            p.resets.increment();
            seqRun = 0;
            target = cfg.firstRequest();
            aheadEnd = 0;
            long first = offset / bs;
            long last = (end - 1) / bs;
            for (Iterator<Map.Entry<Long, Block>> it = blocks.entrySet().iterator(); it.hasNext(); ) {
                Block b = it.next().getValue();
                if (b.index < first || b.index > last) {
                    it.remove();
                    drop(b);
                }
            }
        }
        lastEnd = end;
        long keepFrom = Math.max(0, offset - cfg.seekBackKeep());
        while (!blocks.isEmpty() && blocks.firstEntry().getValue().end() <= keepFrom) {
            drop(blocks.pollFirstEntry().getValue());
        }
    }

    private CompletableFuture<ByteBuffer> serve(long offset, long end, int attempt) {
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("read window is closed"));
            }
            long from = offset / bs * (long) bs;
            boolean buffered;
            if (seqRun > 0 && aheadEnd - end < target / 2) {
                long to = Math.max(end, Math.min(size, roundUp(offset + target)));
                buffered = walk(from, end, to);
                if (buffered) {
                    aheadEnd = Math.max(aheadEnd, to);
                    target = Math.min(target * 2, cfg.maxWindow());
                }
            } else if (seqRun > 0) {
                buffered = walk(from, end, end);
            } else {
                buffered = walk(from, end, Math.min(size, ((end - 1) / bs + 1) * bs));
            }
            if (buffered) {
                boolean ready = true;
                for (long bi = offset / bs; bi <= (end - 1) / bs; bi++) {
                    Block b = blocks.get(bi);
                    if (b == null) {
                        ready = false;
                        continue;
                    }
                    long need = b.mask((int) Math.max(0, offset - b.start), (int) Math.min(b.length, end - b.start));
                    if ((b.valid & need) != need) {
                        ready = false;
                        waits.addAll(b.fills);
                    }
                }
                if (ready) {
                    return CompletableFuture.completedFuture(copyOut(offset, end));
                }
            }
        }
        if (waits.isEmpty() && attempt > 0 || attempt >= MAX_ATTEMPTS) {
            return unbuffered(offset, end);
        }
        if (waits.isEmpty()) {
            return unbuffered(offset, end);
        }
        return CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
                .thenComposeAsync(v -> serve(offset, end, attempt + 1), p.exec);
    }

    private long roundUp(long pos) {
        int unit = bs / Block.UNITS;
        return (pos + unit - 1) / unit * unit;
    }

    /**
     * Makes sure every unit of {@code [from, to)} is present or being fetched, issuing fetches for the
     * rest in runs of at most {@link ReadConfig#requestSize()}. Returns false if a block before
     * {@code mandatoryEnd} could not get a buffer; past it, a full budget only shrinks the window.
     */
    private boolean walk(long from, long mandatoryEnd, long to) {
        Run run = null;
        long pos = from;
        while (pos < to) {
            long bi = pos / bs;
            Block b = blocks.get(bi);
            if (b == null) {
                ByteBuffer buf = p.tryBuffer();
                if (buf == null) {
                    emit(run);
                    if (pos < mandatoryEnd) {
                        return false;
                    }
                    p.shrinks.increment();
                    target = Math.max(cfg.firstRequest(), target / 2);
                    aheadEnd = pos;
                    return true;
                }
                b = new Block(bi, bs, size, buf);
                blocks.put(bi, b);
                if (p.cache.contains(id, bi)) {
                    emit(run);
                    run = null;
                    b.covered = b.fullMask;
                    emit(new Run(b.start, b.end(), b, true));
                    pos = b.end();
                    continue;
                }
            }
            long stop = Math.min(to, b.end());
            long want = b.mask((int) (pos - b.start), (int) (stop - b.start));
            if ((b.covered & want) == want) {
                pos = stop;
                continue;
            }
            for (int u = (int) ((pos - b.start) / b.unit); u < Block.UNITS && (want >>> u) != 0; u++) {
                long bit = 1L << u;
                if ((want & bit) == 0) {
                    continue;
                }
                if ((b.covered & bit) != 0) {
                    emit(run);
                    run = null;
                    continue;
                }
                long us = b.start + (long) u * b.unit;
                long ue = Math.min(us + b.unit, b.end());
                if (run == null || run.end != us || run.end - run.start + (ue - us) > cfg.requestSize()) {
                    emit(run);
                    run = new Run(us, ue, b, false);
                } else {
                    run.extend(ue, b);
                }
                b.covered |= bit;
            }
            pos = stop;
        }
        emit(run);
        return true;
    }

    /** Turns a run into a fetch, registers it on its blocks and queues it. Under the monitor. */
    private void emit(Run run) {
        if (run == null) {
            return;
        }
        Fetch f = new Fetch(run.start, run.end, List.copyOf(run.blocks), run.fromCache);
        for (Block b : f.blocks) {
            b.retain();
            b.fills.add(f.done);
        }
        Sinks.EmitResult r = queue.tryEmitNext(f);
        if (r.isFailure()) {
            failed(f, new IllegalStateException("read window queue refused a fetch: " + r));
        }
    }

    private ByteBuffer copyOut(long offset, long end) {
        ByteBuffer out = ByteBuffer.allocate((int) (end - offset));
        for (long bi = offset / bs; bi <= (end - 1) / bs; bi++) {
            Block b = blocks.get(bi);
            int from = (int) Math.max(0, offset - b.start);
            int to = (int) Math.min(b.length, end - b.start);
            out.put(b.buf.duplicate().limit(to).position(from));
        }
        return out.flip();
    }

    /** Without a window buffer (budget full): from the cache into a temporary buffer, else one exact GET. */
    private CompletableFuture<ByteBuffer> unbuffered(long offset, long end) {
        p.unbufferedReads.increment();
        long b0 = offset / bs;
        if (b0 == (end - 1) / bs && p.cache.contains(id, b0)) {
            return CompletableFuture.supplyAsync(() -> {
                ByteBuffer tmp = ByteBuffer.allocate(bs);
                int n = p.cache.get(id, b0, tmp);
                if (n < 0) {
                    return null;
                }
                return tmp.limit((int) (end - b0 * bs)).position((int) (offset - b0 * bs)).slice();
            }, p.exec).thenCompose(hit -> hit != null ? CompletableFuture.completedFuture(hit) : exactGet(offset, end));
        }
        return exactGet(offset, end);
    }

    private CompletableFuture<ByteBuffer> exactGet(long offset, long end) {
        p.gets.increment();
        return p.store.get(key, ByteRange.of(offset, end - offset), etag).thenApplyAsync(r -> {
            p.bytesFetched.add(r.data().remaining());
            return r.data();
        }, p.exec);
    }

    // ------------------------------------------------------------------ fetches

    private Mono<Void> run(Fetch f) {
        synchronized (this) {
            boolean live = false;
            for (Block b : f.blocks) {
                live |= !b.dropped;
            }
            if (!live) {
                finish(f, null);
                return Mono.empty();
            }
        }
        p.begin();
        return Mono.fromFuture(() -> f.fromCache ? load(f) : fetch(f))
                .onErrorResume(e -> Mono.empty())
                .doFinally(s -> p.end());
    }

    private CompletableFuture<Void> fetch(Fetch f) {
        p.gets.increment();
        return p.store.get(key, ByteRange.of(f.start, f.end - f.start), etag)
                .thenAcceptAsync(r -> landed(f, r.data()), p.exec)
                // Async: a GET that fails at once would otherwise run failed() inside emit(), in the middle of
                // walk() (same thread, re-entrant monitor); it dropped a block walk() then retained again,
                // and the block's buffer went back to the pool twice.
                .whenCompleteAsync((v, e) -> {
                    if (e != null) {
                        failed(f, e);
                    }
                }, p.exec);
    }

    private void landed(Fetch f, ByteBuffer data) {
        if (data.remaining() != f.end - f.start) {
            throw new IllegalStateException("GET of [" + f.start + ", " + f.end + ") of " + key + " returned "
                    + data.remaining() + " bytes");
        }
        p.bytesFetched.add(data.remaining());
        int base = data.position();
        for (Block b : f.blocks) {
            long a = Math.max(f.start, b.start);
            long z = Math.min(f.end, b.end());
            ByteBuffer src = data.duplicate().limit(base + (int) (z - f.start)).position(base + (int) (a - f.start));
            b.buf.duplicate().position((int) (a - b.start)).put(src);
        }
        synchronized (this) {
            for (Block b : f.blocks) {
                long a = Math.max(f.start, b.start);
                long z = Math.min(f.end, b.end());
                b.valid |= b.mask((int) (a - b.start), (int) (z - b.start));
                if (b.isComplete()) {
                    p.storeInCache(id, b);
                }
            }
            finish(f, null);
        }
    }

    private CompletableFuture<Void> load(Fetch f) {
        Block b = f.blocks.get(0);
        p.cacheLoads.increment();
        return CompletableFuture.supplyAsync(() -> p.cache.get(id, b.index, b.buf.duplicate()), p.exec)
                .handleAsync((n, e) -> {
                    synchronized (this) {
                        if (n != null && n == b.length) {
                            b.valid = b.fullMask;
                        } else {
                            // Gone, corrupt or failed: the block will come from the store instead.
                            b.covered &= b.valid;
                            b.cacheFailed = true;
                        }
                        finish(f, null);
                    }
                    return null;
                }, p.exec);
    }

    private void failed(Fetch f, Throwable e) {
        synchronized (this) {
            for (Block b : f.blocks) {
                long a = Math.max(f.start, b.start);
                long z = Math.min(f.end, b.end());
                b.covered &= ~b.mask((int) (a - b.start), (int) (z - b.start)) | b.valid;
                if (!b.dropped && blocks.get(b.index) == b) {
                    blocks.remove(b.index);
                    drop(b);
                }
            }
            finish(f, e);
        }
    }

    /** Unregisters a fetch from its blocks, releases its references and completes it. Under the monitor. */
    private void finish(Fetch f, Throwable e) {
        for (Block b : f.blocks) {
            b.fills.remove(f.done);
            p.releaseBlock(b);
        }
        if (e == null) {
            f.done.complete(null);
        } else {
            f.done.completeExceptionally(e);
        }
    }

    private void drop(Block b) {
        if (!b.dropped) {
            b.dropped = true;
            p.releaseBlock(b);
        }
    }

    /** Units to fetch in one request, over one or more consecutive blocks. */
    private static final class Run {
        final long start;
        long end;
        final List<Block> blocks = new ArrayList<>(8);
        final boolean fromCache;

        Run(long start, long end, Block first, boolean fromCache) {
            this.start = start;
            this.end = end;
            this.fromCache = fromCache;
            blocks.add(first);
        }

        void extend(long newEnd, Block b) {
            end = newEnd;
            if (blocks.get(blocks.size() - 1) != b) {
                blocks.add(b);
            }
        }
    }

    private static final class Fetch {
        final long start;
        final long end;
        final List<Block> blocks;
        final boolean fromCache;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Fetch(long start, long end, List<Block> blocks, boolean fromCache) {
            this.start = start;
            this.end = end;
            this.blocks = blocks;
            this.fromCache = fromCache;
        }
    }
}
