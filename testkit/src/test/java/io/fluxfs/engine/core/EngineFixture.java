package io.fluxfs.engine.core;

import io.fluxfs.engine.format.MountDefaults;
import io.fluxfs.engine.fs.Caller;
import io.fluxfs.engine.fs.Created;
import io.fluxfs.engine.fs.DirEntry;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.FsError;
import io.fluxfs.engine.fs.FsException;
import io.fluxfs.engine.fs.InodeAttr;
import io.fluxfs.engine.fs.OpenFlags;
import io.fluxfs.engine.fs.PathFileSystem;
import io.fluxfs.engine.store.ObjectStore;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives one engine over one store the way a caller would, blocking with a timeout, with a ticker the
 * test moves by hand. {@link #remount()} starts a fresh engine (empty caches) on the same store.
 */
public final class EngineFixture implements AutoCloseable {
    static final Caller ME = new Caller(1000, 1000, 0);
    public final ObjectStore store;
    final Path staging;
    final AtomicLong ticks = new AtomicLong(1_000_000_000L);
    final Duration ttl;
    final String prefix;
    final int maxInodes;
    private final UnaryOperator<EngineConfig.Builder> extra;
    public FileSystem fs;
    public PathFileSystem paths;

    EngineFixture(ObjectStore store, Path staging, Duration ttl, String prefix, int maxInodes) {
        this(store, staging, ttl, prefix, maxInodes, UnaryOperator.identity());
    }

    /** With more settings (cache directory, budget, …) applied to every mount. */
    public EngineFixture(ObjectStore store, Path staging, UnaryOperator<EngineConfig.Builder> extra) {
        this(store, staging, Duration.ofSeconds(5), "", 1_000_000, extra);
    }

    private EngineFixture(ObjectStore store, Path staging, Duration ttl, String prefix, int maxInodes,
                          UnaryOperator<EngineConfig.Builder> extra) {
        this.store = store;
        this.staging = staging;
        this.ttl = ttl;
        this.prefix = prefix;
        this.maxInodes = maxInodes;
        this.extra = extra;
        mount();
    }

    EngineFixture(ObjectStore store, Path staging) {
        this(store, staging, Duration.ofSeconds(5), "", 1_000_000);
    }

    private void mount() {
        EngineConfig cfg = extra.apply(EngineConfig.builder(staging)
                .prefix(prefix)
                .defaults(new MountDefaults(1000, 1000, 022))
                .metadataTtl(ttl)
                .maxInodes(maxInodes)
                .ticker(ticks::get))
                .build();
        fs = Engine.openUnretried(store, cfg);
        paths = new PathFileSystem(fs);
    }

    public void remount() {
        fs.close();
        mount();
    }

    public void advance(Duration d) {
        ticks.addAndGet(d.toNanos());
    }

    public static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(c);
        } catch (Exception e) {
            throw new AssertionError("operation did not complete", e);
        }
    }

    /** Runs {@code f} and returns the FsError it fails with; fails the test if it succeeds. */
    static FsError errorOf(Runnable r) {
        try {
            r.run();
        } catch (FsException e) {
            return e.error();
        }
        return fail("expected a filesystem error");
    }

    InodeAttr stat(String path) {
        return join(paths.getattr(path));
    }

    public void write(String path, byte[] data) {
        Created c = join(paths.create(path, 0644, new OpenFlags(false, true, true, false, false), ME));
        if (data.length > 0) {
            assertEquals(data.length, (int) join(fs.write(FileSystem.BY_HANDLE, c.handle(), 0, ByteBuffer.wrap(data))));
        }
        join(fs.flush(FileSystem.BY_HANDLE, c.handle()));
        join(fs.release(FileSystem.BY_HANDLE, c.handle()));
    }

    public byte[] read(String path) {
        long h = join(paths.open(path, OpenFlags.READ_ONLY));
        try {
            return readAll(h);
        } finally {
            join(fs.release(FileSystem.BY_HANDLE, h));
        }
    }

    byte[] readAll(long h) {
        return readAll(fs, h);
    }

    /** Every byte of an open file, read in FUSE-sized (128 KiB) calls until a short read. */
    public static byte[] readAll(FileSystem fs, long h) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long off = 0;
        while (true) {
            ByteBuffer b = join(fs.read(FileSystem.BY_HANDLE, h, off, 128 * 1024));
            if (!b.hasRemaining()) {
                return out.toByteArray();
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            out.write(chunk, 0, chunk.length);
            off += chunk.length;
        }
    }

    List<String> list(String path) {
        long h = join(paths.opendir(path));
        List<String> names = new ArrayList<>();
        long off = 0;
        while (true) {
            List<DirEntry> page = join(fs.readdir(FileSystem.BY_HANDLE, h, off, 100));
            if (page.isEmpty()) {
                break;
            }
            for (DirEntry e : page) {
                if (!e.name().equals(".") && !e.name().equals("..")) {
                    names.add(e.name());
                }
                off = e.offset();
            }
        }
        join(fs.releasedir(FileSystem.BY_HANDLE, h));
        return names;
    }

    @Override
    public void close() {
        fs.close();
    }
}
