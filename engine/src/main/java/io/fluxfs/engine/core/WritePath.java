package io.fluxfs.engine.core;

import io.fluxfs.engine.format.PosixMeta;
import io.fluxfs.engine.format.S3fsMetadata;
import io.fluxfs.engine.fs.FsError;
import io.fluxfs.engine.fs.FsException;
import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write path: the life of an {@link OpenFile} (references, staging, writes, truncation) and how
 * its changes become durable ({@link #sync}). Today a file is staged whole in a local sparse file
 * and uploaded whole on flush, fsync and last release; the write-path work replaces the inside of
 * this class with coalesced streaming parts, a journal and a write-back queue, behind the same methods.
 *
 * <p>Runs on the engine pool; store futures are continued there. Monitor order: inode, then file.
 */
final class WritePath {
    private static final Logger LOG = LoggerFactory.getLogger(WritePath.class);
    /**
     * Content type of the files fluxfs creates. Sent explicitly: a later self-copy with REPLACE must
     * re-send one, and leaving it to the store's default would turn it into binary/octet-stream.
     */
    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    /** S3 allows 2 KiB of user metadata (names plus values). */
    static final int MAX_USER_METADATA = 2048;

    private final ObjectStore store;
    private final EngineConfig cfg;
    private final Executor exec;
    private final Namespace ns;
    private final Transfers transfers;
    final AtomicLong syncsInFlight = new AtomicLong();
    final AtomicLong syncFailures = new AtomicLong();

    WritePath(ObjectStore store, EngineConfig cfg, Executor exec, Namespace ns, Transfers transfers) {
        this.store = store;
        this.cfg = cfg;
        this.exec = exec;
        this.ns = ns;
        this.transfers = transfers;
    }

    /** The headers and content type an object of this inode is written with. */
    static ObjectAttributes attributesFor(Inode i, PosixMeta p) {
        String ct = i.isDirectory() ? S3fsMetadata.DIRECTORY_CONTENT_TYPE
                : i.attrs.contentType() != null ? i.attrs.contentType() : DEFAULT_CONTENT_TYPE;
        return new ObjectAttributes(ct, S3fsMetadata.encode(p));
    }

    static int sumOfMetadata(Map<String, String> m) {
        int n = 0;
        for (Map.Entry<String, String> e : m.entrySet()) {
            n += e.getKey().length() + "x-amz-meta-".length() + e.getValue().length();
        }
        return n;
    }

    private static FsException fail(FsError e, String msg) {
        return new FsException(e, msg);
    }

    /** Sets the size of a regular file, through its open state (created for the occasion if needed). */
    CompletableFuture<Void> truncate(Inode i, long size) {
        OpenFile of = acquire(i);
        long keep;
        synchronized (of) {
            keep = Math.min(of.size, size);
        }
        return ensureStaged(of, keep > 0).thenRunAsync(() -> {
            synchronized (of) {
                of.setStagingLength(size);
                of.size = size;
                of.touchData();
                long now = ns.wallNanos();
                i.attrs = i.attrs.withPosix(i.attrs.posix().withTimes(i.attrs.posix().atimeNanos(), now).withCtime(now));
            }
        }, exec).handle((v, err) -> err).thenCompose(err -> releaseRef(of, err == null).thenRun(() -> {
            if (err != null) {
                throw StoreErrors.toFs(err, "truncate " + i);
            }
        }));
    }

    OpenFile acquire(Inode i) {
        synchronized (i) {
            if (i.open == null) {
                i.open = new OpenFile(i, i.attrs.etag(), i.attrs.size());
            }
            i.open.handles++;
            return i.open;
        }
    }

    /** Drops one reference; the last one uploads what is pending and frees the staging file. */
    CompletableFuture<Void> releaseRef(OpenFile of, boolean upload) {
        Inode i = of.inode;
        synchronized (i) {
            of.handles--;
            if (of.handles > 0) {
                return CompletableFuture.completedFuture(null);
            }
        }
        CompletableFuture<Void> s = upload ? sync(of) : CompletableFuture.completedFuture(null);
        return s.handle((v, err) -> err).thenComposeAsync(err -> afterLastRelease(of, err), exec);
    }

    /**
     * After the last handle's sync: free the file, or, if a change arrived meanwhile (FUSE sends
     * release after close returned, so a utimensat by path can race the upload), sync again, as long
     * as changes keep coming. A failed sync keeps the data; unmount syncs every file with local changes again.
     */
    private CompletableFuture<Void> afterLastRelease(OpenFile of, Throwable err) {
        Inode i = of.inode;
        synchronized (i) {
            if (of.handles > 0 || i.open != of) {
                return CompletableFuture.completedFuture(null);
            }
            synchronized (of) {
                if (err != null) {
                    LOG.warn("{}: upload failed; the changes stay local until the next sync or unmount ({})", i,
                            StoreErrors.toFs(err, "sync").getMessage());
                    return CompletableFuture.completedFuture(null);
                }
                if ((of.dataDirty || of.metaDirty) && !i.removed) {
                    return sync(of).handle((v, e) -> e).thenComposeAsync(e -> afterLastRelease(of, e), exec);
                }
                of.discardStaging();
                i.open = null;
            }
        }
        ns.dropIfUnreferenced(i);
        return CompletableFuture.completedFuture(null);
    }

    /** Starts (once) and returns the staging of a file; with {@code needContent} the stored bytes are fetched. */
    CompletableFuture<Void> ensureStaged(OpenFile of, boolean needContent) {
        synchronized (of) {
            if (of.stagingReady != null) {
                return of.stagingReady;
            }
            of.createStaging(cfg.stagingDir());
            if (needContent && of.baseEtag != null && of.baseSize > 0) {
                long len = of.baseSize;
                CompletableFuture<Void> ready = transfers.download(ns.fileKey(of.inode), of.baseEtag, len, of.staging());
                of.stagingReady = ready;
                ready.whenComplete((v, err) -> {
                    if (err != null) {
                        synchronized (of) {
                            if (of.stagingReady == ready) {
                                of.discardStaging();
                            }
                        }
                    }
                });
            } else {
                of.setStagingLength(of.size);
                of.stagingReady = CompletableFuture.completedFuture(null);
            }
            return of.stagingReady;
        }
    }

    /** Writes through a handle (at the end of the file for an append handle); completes with the count. */
    CompletableFuture<Integer> write(FileHandle h, long offset, ByteBuffer data) {
        OpenFile of = h.file();
        long end = offset + data.remaining();
        if (end < offset || end > 5L * 1024 * 1024 * 1024 * 1024) {
            throw fail(FsError.EFBIG, "a write ending at " + end + " exceeds S3's 5 TiB object limit");
        }
        return ensureStaged(of, true).thenApplyAsync(v -> {
            synchronized (of) {
                long at = h.flags().append() ? of.size : offset;
                int n = of.writeStaging(data, at);
                of.size = Math.max(of.size, at + n);
                of.touchData();
                Inode i = of.inode;
                long now = ns.wallNanos();
                i.attrs = i.attrs.withPosix(i.attrs.posix().withTimes(i.attrs.posix().atimeNanos(), now).withCtime(now));
                return n;
            }
        }, exec);
    }

    /**
     * Makes the file's pending data and metadata durable in the store. Syncs of one file run one
     * after another; one that raced with a change leaves the file dirty for the next.
     */
    CompletableFuture<Void> sync(OpenFile of) {
        synchronized (of) {
            CompletableFuture<Void> next = of.syncTail.handle((v, err) -> (Void) null).thenCompose(v -> doSync(of));
            of.syncTail = next;
            return next;
        }
    }

    CompletableFuture<Void> doSync(OpenFile of) {
        Inode i = of.inode;
        long gen;
        boolean data;
        long size;
        CompletableFuture<Void> ready;
        ETag base;
        synchronized (of) {
            if ((!of.dataDirty && !of.metaDirty) || i.removed) {
                return CompletableFuture.completedFuture(null);
            }
            gen = of.generation;
            data = of.dataDirty || of.baseEtag == null;
            size = of.size;
            ready = of.stagingReady == null ? CompletableFuture.completedFuture(null) : of.stagingReady;
            base = of.baseEtag;
        }
        String key = ns.fileKey(i);
        PosixMeta p = i.attrs.posix();
        ObjectAttributes oa = attributesFor(i, p);
        if (sumOfMetadata(oa.userMetadata()) > MAX_USER_METADATA) {
            return CompletableFuture.failedFuture(fail(FsError.ENOSPC, "metadata of " + i + " exceeds 2 KiB"));
        }
        syncsInFlight.incrementAndGet();
        CompletableFuture<ETag> put = (data
                ? ready.thenComposeAsync(v -> transfers.upload(key, of.staging(), size, oa), exec)
                : transfers.copy(key, key, size, oa, base)).whenComplete((v, err) -> {
                    syncsInFlight.decrementAndGet();
                    if (err != null) {
                        syncFailures.incrementAndGet();
                    }
                });
        return put.thenComposeAsync(etag -> {
            synchronized (of) {
                of.baseEtag = etag;
                of.baseSize = size;
                if (of.generation == gen) {
                    of.dataDirty = false;
                    of.metaDirty = false;
                }
                i.attrs = new Attrs(i.attrs.posix(), size, etag, oa.contentType(), true, true, ns.freshUntil());
            }
            if (i.removed) {
                // Unlinked while the upload was in flight: do not leave it behind.
                return store.delete(key);
            }
            return CompletableFuture.completedFuture((Void) null);
        }, exec);
    }

}
