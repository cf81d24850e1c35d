package io.fluxfs.engine.core;

import io.fluxfs.engine.store.ByteRange;
import io.fluxfs.engine.store.CompletedPart;
import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.ObjectMeta;
import io.fluxfs.engine.store.ObjectStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;

/**
 * Moves whole objects: uploads a local staging file (one PUT, or a multipart upload with a bounded
 * number of parts in flight), copies objects server-side (CopyObject, or UploadPartCopy parts above
 * 5 GiB), and downloads an object into a staging file.
 *
 * <p>Local file reads and writes run on the engine's I/O scheduler, never on a store thread. Every
 * {@code flatMap} has explicit concurrency and prefetch, so at most {@code concurrency} part buffers
 * exist per transfer. A failed multipart upload is aborted before the error is passed on.
 */
final class Transfers {
    /** Objects up to this size go up as one PUT. */
    static final long SINGLE_PUT_LIMIT = 16L << 20;
    /** Part size of server-side multipart copies. */
    static final long COPY_PART = 1L << 30;

    private final ObjectStore store;
    private final Scheduler io;
    private final long partSize;
    private final int concurrency;

    Transfers(ObjectStore store, Scheduler io, long partSize, int concurrency) {
        this.store = store;
        this.io = io;
        this.partSize = partSize;
        this.concurrency = concurrency;
    }

    /** Part size for an object of {@code size} bytes, so that it fits in S3's 10,000 parts. */
    long partSizeFor(long size) {
        long needed = (size + ObjectStore.MAX_PARTS - 1) / ObjectStore.MAX_PARTS;
        long mib = 1L << 20;
        return Math.max(partSize, (needed + mib - 1) / mib * mib);
    }

    /**
     * Uploads bytes {@code [0, size)} of {@code file} (null means an empty object) to {@code key}.
     * Completes on a store thread with the new ETag.
     */
    CompletableFuture<ETag> upload(String key, FileChannel file, long size, ObjectAttributes attrs) {
        if (size <= Math.max(SINGLE_PUT_LIMIT, partSize) && size <= ObjectStore.MAX_PART_SIZE) {
            return Mono.fromCallable(() -> readRange(file, 0, (int) size))
                    .subscribeOn(io)
                    .flatMap(buf -> Mono.fromFuture(() -> store.put(key, buf, attrs)))
                    .toFuture();
        }
        long part = partSizeFor(size);
        int parts = (int) ((size + part - 1) / part);
        return Mono.fromFuture(() -> store.createMultipartUpload(key, attrs))
                .flatMap(uploadId -> Flux.range(1, parts)
                        .flatMapSequential(n -> {
                            long off = (n - 1) * part;
                            int len = (int) Math.min(part, size - off);
                            return Mono.fromCallable(() -> readRange(file, off, len))
                                    .subscribeOn(io)
                                    .flatMap(buf -> Mono.fromFuture(() -> store.uploadPart(key, uploadId, n, buf)));
                        }, concurrency, 1)
                        .collectList()
                        .flatMap(done -> Mono.fromFuture(() -> store.completeMultipartUpload(key, uploadId, done)))
                        .onErrorResume(err -> Mono.fromFuture(() -> store.abortMultipartUpload(key, uploadId))
                                .onErrorResume(abortErr -> Mono.empty())
                                .then(Mono.error(err))))
                .toFuture();
    }

    /**
     * Server-side copy of {@code src} (of {@code size} bytes) to {@code dst}. With {@code attrs} null
     * the source's metadata is kept. {@code ifMatch} pins the source version (null: any).
     */
    CompletableFuture<ETag> copy(String src, String dst, long size, ObjectAttributes attrs, ETag ifMatch) {
        if (size <= ObjectStore.MAX_PART_SIZE) {
            return store.copy(src, dst, attrs, ifMatch);
        }
        Mono<ObjectAttributes> meta = attrs != null ? Mono.just(attrs)
                : Mono.fromFuture(() -> store.head(src)).map(Transfers::attributesOf);
        int parts = (int) ((size + COPY_PART - 1) / COPY_PART);
        return meta.flatMap(a -> Mono.fromFuture(() -> store.createMultipartUpload(dst, a)))
                .flatMap(uploadId -> Flux.range(1, parts)
                        .flatMapSequential(n -> {
                            long off = (n - 1) * COPY_PART;
                            ByteRange r = ByteRange.of(off, Math.min(COPY_PART, size - off));
                            return Mono.fromFuture(() -> store.uploadPartCopy(dst, uploadId, n, src, r, ifMatch));
                        }, concurrency, 1)
                        .collectList()
                        .flatMap(done -> Mono.fromFuture(() -> store.completeMultipartUpload(dst, uploadId, done)))
                        .onErrorResume(err -> Mono.fromFuture(() -> store.abortMultipartUpload(dst, uploadId))
                                .onErrorResume(abortErr -> Mono.empty())
                                .then(Mono.error(err))))
                .toFuture();
    }

    /**
     * Downloads {@code [0, length)} of {@code key} at version {@code etag} into {@code file}, in
     * ranged GETs of one part each with bounded concurrency. Completes when all bytes are written.
     */
    CompletableFuture<Void> download(String key, ETag etag, long length, FileChannel file) {
        if (length == 0) {
            return CompletableFuture.completedFuture(null);
        }
        long chunk = partSize;
        int chunks = (int) ((length + chunk - 1) / chunk);
        return Flux.range(0, chunks)
                .flatMap(i -> {
                    long off = i * chunk;
                    ByteRange r = ByteRange.of(off, Math.min(chunk, length - off));
                    return Mono.fromFuture(() -> store.get(key, r, etag))
                            .publishOn(io)
                            .doOnNext(res -> writeAt(file, res.data(), off));
                }, concurrency, 1)
                .then()
                .toFuture();
    }

    static ObjectAttributes attributesOf(ObjectMeta m) {
        return new ObjectAttributes(m.contentType(), m.userMetadata());
    }

    static ByteBuffer readRange(FileChannel file, long offset, int length) {
        ByteBuffer buf = ByteBuffer.allocate(length);
        if (file == null) {
            if (length != 0) {
                throw new IllegalStateException("no staging file for " + length + " bytes");
            }
            return buf;
        }
        try {
            while (buf.hasRemaining()) {
                int n = file.read(buf, offset + buf.position());
                if (n < 0) {
                    // Past the end of a sparse or shortened file: the rest reads as zeros.
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading staging file", e);
        }
        buf.position(0).limit(length);
        return buf;
    }

    static void writeAt(FileChannel file, ByteBuffer data, long offset) {
        try {
            long pos = offset;
            while (data.hasRemaining()) {
                pos += file.write(data, pos);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing staging file", e);
        }
    }
}
