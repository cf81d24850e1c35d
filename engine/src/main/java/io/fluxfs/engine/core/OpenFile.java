package io.fluxfs.engine.core;

import io.fluxfs.engine.fs.FsError;
import io.fluxfs.engine.fs.FsException;
import io.fluxfs.engine.store.ETag;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The data of one file while any handle has it open or it has changes not yet in the store. All
 * handles of the inode share it.
 *
 * <p>Until the first write, reads go to the store (pinned to {@link #baseEtag}). The first write or
 * truncate creates a sparse local staging file; if the stored object has content that the change
 * keeps, it is downloaded into the staging file first ({@link #stagingReady}). From then on reads and
 * writes use the staging file, and {@code flush}/{@code fsync}/{@code release} upload it whole.
 * (The write-path issue replaces this with coalesced streaming parts and a journal.)
 *
 * <p>Fields are guarded by this object's monitor; staging I/O happens on engine threads under it.
 * {@link #generation} counts changes, so an upload that raced with a write leaves the file dirty.
 */
final class OpenFile {
    final Inode inode;
    int handles;

    /** The version in the store this file's clean bytes come from; null if none stored. */
    ETag baseEtag;
    long baseSize;

    long size;
    boolean dataDirty;
    boolean metaDirty;
    long generation;

    private RandomAccessFile raf;
    private FileChannel staging;
    private Path stagingPath;
    /** Completes when the staging file holds the file's content; null until staging starts. */
    CompletableFuture<Void> stagingReady;
    /** The last upload (or metadata copy) in the chain; the next one starts after it. */
    CompletableFuture<Void> syncTail = CompletableFuture.completedFuture(null);

    OpenFile(Inode inode, ETag baseEtag, long baseSize) {
        this.inode = inode;
        this.baseEtag = baseEtag;
        this.baseSize = baseSize;
        this.size = baseSize;
    }

    boolean isStaged() {
        return staging != null;
    }

    FileChannel staging() {
        return staging;
    }

    /** Creates the empty staging file. */
    void createStaging(Path dir) {
        try {
            Files.createDirectories(dir);
            stagingPath = Files.createTempFile(dir, "ino" + inode.ino + "-", ".staging");
            raf = new RandomAccessFile(stagingPath.toFile(), "rw");
            staging = raf.getChannel();
        } catch (IOException e) {
            throw new FsException(FsError.EIO, "cannot create a staging file in " + dir + ": " + e.getMessage(), e);
        }
    }

    void setStagingLength(long length) {
        try {
            raf.setLength(length);
        } catch (IOException e) {
            throw new FsException(isNoSpace(e) ? FsError.ENOSPC : FsError.EIO,
                    "cannot resize staging file " + stagingPath + ": " + e.getMessage(), e);
        }
    }

    int writeStaging(ByteBuffer data, long offset) {
        int n = data.remaining();
        try {
            Transfers.writeAt(staging, data, offset);
        } catch (UncheckedIOException e) {
            throw new FsException(isNoSpace(e.getCause()) ? FsError.ENOSPC : FsError.EIO,
                    "cannot write staging file " + stagingPath + ": " + e.getCause().getMessage(), e);
        }
        return n;
    }

    ByteBuffer readStaging(long offset, int length) {
        int n = (int) Math.max(0, Math.min(length, size - offset));
        try {
            return Transfers.readRange(staging, offset, n);
        } catch (UncheckedIOException e) {
            throw new FsException(FsError.EIO, "cannot read staging file " + stagingPath, e);
        }
    }

    void touchData() {
        dataDirty = true;
        generation++;
    }

    /** Closes and deletes the staging file. */
    void discardStaging() {
        try {
            if (raf != null) {
                raf.close();
            }
            if (stagingPath != null) {
                Files.deleteIfExists(stagingPath);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            raf = null;
            staging = null;
            stagingPath = null;
            stagingReady = null;
        }
    }

    private static boolean isNoSpace(Throwable e) {
        return e != null && e.getMessage() != null && e.getMessage().contains("No space left");
    }
}
