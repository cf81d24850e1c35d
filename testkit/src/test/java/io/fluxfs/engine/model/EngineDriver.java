package io.fluxfs.engine.model;

import io.fluxfs.engine.core.EngineFixture;
import io.fluxfs.engine.core.Engine;
import io.fluxfs.engine.core.EngineConfig;
import io.fluxfs.engine.format.MountDefaults;
import io.fluxfs.engine.format.PosixMeta;
import io.fluxfs.engine.format.S3fsMetadata;
import io.fluxfs.engine.fs.Caller;
import io.fluxfs.engine.fs.Created;
import io.fluxfs.engine.fs.DirEntry;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.FsException;
import io.fluxfs.engine.fs.InodeAttr;
import io.fluxfs.engine.fs.OpenFlags;
import io.fluxfs.engine.fs.PathFileSystem;
import io.fluxfs.engine.fs.SetAttr;
import io.fluxfs.engine.store.ObjectAttributes;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.testkit.model.Bytes;
import io.fluxfs.testkit.model.ModelNode;
import io.fluxfs.testkit.model.Op;
import io.fluxfs.testkit.model.Outcome;
import io.fluxfs.testkit.model.VisibleNode;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies {@link Op}s to a real engine the way the FUSE adapter would (path calls, one blocking join each),
 * and reads back everything a caller can see. Other clients' steps go straight to the store.
 */
final class EngineDriver implements AutoCloseable {
    static final MountDefaults DEFAULTS = new MountDefaults(1000, 1000, 022);
    private static final OpenFlags APPEND = new OpenFlags(false, true, false, true, false);

    private final ObjectStore store;
    private final Path staging;
    private final Duration ttl;
    private final ManualClock clock;
    private final AtomicLong ticks = new AtomicLong(1_000_000_000L);
    private FileSystem fs;
    private PathFileSystem paths;

    EngineDriver(ObjectStore store, Path staging, Duration ttl, ManualClock clock) {
        this.store = store;
        this.staging = staging;
        this.ttl = ttl;
        this.clock = clock;
        mount();
    }

    private void mount() {
        EngineConfig cfg = EngineConfig.builder(staging)
                .defaults(DEFAULTS)
                .metadataTtl(ttl)
                .ticker(ticks::get)
                .clock(clock)
                .build();
        fs = Engine.openUnretried(store, cfg);
        paths = new PathFileSystem(fs);
    }

    /** Lets the metadata TTL pass: every cached attribute, listing and negative entry is stale. */
    void expire() {
        ticks.addAndGet(ttl.toNanos() + 1);
    }

    @Override
    public void close() {
        fs.close();
    }

    // ------------------------------------------------------------------ operations

    /** Runs one op; an {@link FsException} becomes the outcome, anything else propagates. */
    Outcome apply(Op op) {
        try {
            return Outcome.ok(run(op));
        } catch (FsException e) {
            return Outcome.of(e.error());
        }
    }

    private String run(Op op) {
        if (op instanceof Op.CreateWrite o) {
            Created c = join(paths.create(o.path(), o.mode(), new OpenFlags(false, true, true, false, o.exclusive()),
                    caller(o.umask())));
            writeAndClose(c.handle(), 0, Bytes.of(o.size(), o.seed()));
        } else if (op instanceof Op.WriteAt o) {
            writeAndClose(join(paths.open(o.path(), OpenFlags.READ_WRITE)), o.offset(),
                    Bytes.of(o.size(), o.seed()));
        } else if (op instanceof Op.Append o) {
            // The kernel sends an O_APPEND write at the size it knows.
            long size = join(paths.getattr(o.path())).size();
            writeAndClose(join(paths.open(o.path(), APPEND)), size, Bytes.of(o.size(), o.seed()));
        } else if (op instanceof Op.Truncate o) {
            join(paths.setattr(o.path(), SetAttr.truncate(o.size()), FileSystem.NO_HANDLE, caller(0)));
        } else if (op instanceof Op.Rename o) {
            join(paths.rename(o.from(), o.to(), o.noReplace()));
        } else if (op instanceof Op.Unlink o) {
            join(paths.unlink(o.path()));
        } else if (op instanceof Op.Mkdir o) {
            join(paths.mkdir(o.path(), o.mode(), caller(o.umask())));
        } else if (op instanceof Op.Rmdir o) {
            join(paths.rmdir(o.path()));
        } else if (op instanceof Op.Chmod o) {
            join(paths.setattr(o.path(), SetAttr.chmod(o.mode()), FileSystem.NO_HANDLE, caller(0)));
        } else if (op instanceof Op.Utimens o) {
            join(paths.setattr(o.path(), SetAttr.times(o.atime(), o.mtime()), FileSystem.NO_HANDLE,
                    caller(0)));
        } else if (op instanceof Op.Symlink o) {
            join(paths.symlink(o.target(), o.path(), caller(0)));
        } else if (op instanceof Op.Readlink o) {
            return join(paths.readlink(o.path()));
        } else if (op instanceof Op.Link o) {
            join(paths.link(o.existing(), o.newPath()));
        } else if (op instanceof Op.SetXattr o) {
            join(paths.setxattr(o.path(), o.name(), Bytes.of(o.size(), o.seed()), o.mode()));
        } else if (op instanceof Op.GetXattr o) {
            return HexFormat.of().formatHex(join(paths.getxattr(o.path(), o.name())));
        } else if (op instanceof Op.RemoveXattr o) {
            join(paths.removexattr(o.path(), o.name()));
        } else if (op instanceof Op.Remount) {
            fs.close();
            mount();
        } else if (op instanceof Op.Expire) {
            expire();
        } else if (op instanceof Op.OtherPut o) {
            ObjectAttributes a = o.mode() == null ? ObjectAttributes.NONE : new ObjectAttributes(null,
                    S3fsMetadata.encode(new PosixMeta(InodeAttr.S_IFREG | (o.mode() & 07777), DEFAULTS.uid(),
                            DEFAULTS.gid(), o.mtime(), o.mtime(), o.mtime(), Map.of())));
            join(store.put(key(o.path()), ByteBuffer.wrap(Bytes.of(o.size(), o.seed())), a));
        } else if (op instanceof Op.OtherDelete o) {
            join(store.delete(key(o.path())));
        } else if (op instanceof Op.OtherMkdir o) {
            Map<String, String> h = o.mode() == null ? Map.of() : S3fsMetadata.encode(new PosixMeta(
                    InodeAttr.S_IFDIR | (o.mode() & 07777), DEFAULTS.uid(), DEFAULTS.gid(), o.mtime(), o.mtime(),
                    o.mtime(), Map.of()));
            join(store.put(key(o.path()) + "/", ByteBuffer.allocate(0),
                    new ObjectAttributes(S3fsMetadata.DIRECTORY_CONTENT_TYPE, h)));
        } else if (op instanceof Op.OtherRemoveMarker o) {
            join(store.delete(key(o.path()) + "/"));
        } else {
            throw new IllegalArgumentException("unknown op " + op);
        }
        return null;
    }

    private static Caller caller(int umask) {
        return new Caller(DEFAULTS.uid(), DEFAULTS.gid(), umask);
    }

    private static String key(String path) {
        return path.substring(1);
    }

    /** Writes (if anything), then close(2): flush and release; the first error wins, the handle is always released. */
    private void writeAndClose(long h, long offset, byte[] data) {
        FsException first = null;
        try {
            if (data.length > 0) {
                int n = join(fs.write(FileSystem.BY_HANDLE, h, offset, ByteBuffer.wrap(data)));
                if (n != data.length) {
                    throw new AssertionError("short write: " + n + " of " + data.length + " bytes");
                }
            }
            join(fs.flush(FileSystem.BY_HANDLE, h));
        } catch (FsException e) {
            first = e;
        }
        try {
            join(fs.release(FileSystem.BY_HANDLE, h));
        } catch (FsException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw first;
        }
    }

    // ------------------------------------------------------------------ what a caller sees

    /** Thrown when reading the visible state itself fails (a listed name that getattr cannot find...). */
    static final class ObserveFailure extends RuntimeException {
        ObserveFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Walks the tree from the root with readdir and reads every path back.
     *
     * @param readAbove files larger than this are not read (their data is null)
     */
    SortedMap<String, VisibleNode> observe(long readAbove) {
        SortedMap<String, VisibleNode> out = new TreeMap<>();
        visit("/", out, readAbove);
        return out;
    }

    private void visit(String path, SortedMap<String, VisibleNode> out, long readAbove) {
        VisibleNode n = observeOne(path, readAbove);
        out.put(path, n);
        if (n.kind() == ModelNode.Kind.DIR) {
            for (String name : list(path)) {
                visit(path.equals("/") ? "/" + name : path + "/" + name, out, readAbove);
            }
        }
    }

    VisibleNode observeOne(String path, long readAbove) {
        String step = "getattr";
        try {
            InodeAttr a = join(paths.getattr(path));
            ModelNode.Kind kind = switch (a.type()) {
                case InodeAttr.S_IFDIR -> ModelNode.Kind.DIR;
                case InodeAttr.S_IFREG -> ModelNode.Kind.FILE;
                case InodeAttr.S_IFLNK -> ModelNode.Kind.LINK;
                default -> null;
            };
            byte[] data = null;
            String target = null;
            if (kind == ModelNode.Kind.FILE && a.size() <= readAbove) {
                step = "read";
                data = read(path);
            }
            if (kind == ModelNode.Kind.LINK) {
                step = "readlink";
                target = join(paths.readlink(path));
            }
            step = "listxattr";
            SortedMap<String, String> x = new TreeMap<>();
            for (String name : join(paths.listxattr(path))) {
                step = "getxattr " + name;
                x.put(name, HexFormat.of().formatHex(join(paths.getxattr(path, name))));
            }
            return new VisibleNode(kind, a.permissions(), a.uid(), a.gid(), a.nlink(), a.size(), a.mtimeNanos(),
                    a.atimeNanos(), data, target, x);
        } catch (FsException e) {
            throw new ObserveFailure(step + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    private byte[] read(String path) {
        long h = join(paths.open(path, OpenFlags.READ_ONLY));
        try {
            return EngineFixture.readAll(fs, h);
        } finally {
            join(fs.release(FileSystem.BY_HANDLE, h));
        }
    }

    /** readdir without "." and "..", paged as the kernel pages. */
    List<String> list(String path) {
        try {
            long h = join(paths.opendir(path));
            List<String> names = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            long off = 0;
            try {
                while (true) {
                    List<DirEntry> page = join(fs.readdir(FileSystem.BY_HANDLE, h, off, 7));
                    if (page.isEmpty()) {
                        break;
                    }
                    for (DirEntry e : page) {
                        if (!e.name().equals(".") && !e.name().equals("..")) {
                            if (!seen.add(e.name())) {
                                throw new ObserveFailure("readdir " + path + " lists " + e.name() + " twice", null);
                            }
                            names.add(e.name());
                        }
                        off = e.offset();
                    }
                }
            } finally {
                join(fs.releasedir(FileSystem.BY_HANDLE, h));
            }
            return names;
        } catch (FsException e) {
            throw new ObserveFailure("readdir " + path + " failed: " + e.getMessage(), e);
        }
    }

    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            FsException fe = FsException.unwrap(e.getCause());
            if (fe != null) {
                throw fe;
            }
            throw new AssertionError("the engine failed with something other than FsException", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("an operation did not complete within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
