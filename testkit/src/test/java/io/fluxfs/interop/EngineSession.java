package io.fluxfs.interop;

import io.fluxfs.engine.core.EngineFixture;
import io.fluxfs.engine.core.Engine;
import io.fluxfs.engine.core.EngineConfig;
import io.fluxfs.engine.format.MountDefaults;
import io.fluxfs.engine.fs.Caller;
import io.fluxfs.engine.fs.Created;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.InodeAttr;
import io.fluxfs.engine.fs.OpenFlags;
import io.fluxfs.engine.fs.PathFileSystem;
import io.fluxfs.engine.fs.SetAttr;
import io.fluxfs.engine.store.ObjectStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One fluxfs engine over a store, driven through the public {@code io.fluxfs.engine.fs} API only, the
 * way the FUSE adapter would: every call waits for its future with a deadline. Closing it uploads
 * everything pending; the store stays open (its owner closes it).
 */
final class EngineSession implements AutoCloseable {

    private static final long WAIT_SECONDS = 60;

    final FileSystem fs;
    final PathFileSystem paths;

    EngineSession(ObjectStore store, Path staging, MountDefaults defaults) {
        EngineConfig cfg = EngineConfig.builder(staging).defaults(defaults).build();
        this.fs = Engine.open(store, cfg);
        this.paths = new PathFileSystem(fs);
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("engine call did not complete within " + WAIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** create(O_WRONLY|O_CREAT|O_TRUNC) with {@code mode}, owned by {@code caller}; write; close. */
    void writeFile(String path, int mode, Caller caller, byte[] data) {
        Created c = await(paths.create(path, mode, new OpenFlags(false, true, true, false, false), caller));
        if (data.length > 0) {
            int n = await(fs.write(FileSystem.BY_HANDLE, c.handle(), 0, ByteBuffer.wrap(data)));
            if (n != data.length) {
                throw new AssertionError("engine wrote " + n + " of " + data.length + " bytes to " + path);
            }
        }
        await(fs.flush(FileSystem.BY_HANDLE, c.handle()));
        await(fs.release(FileSystem.BY_HANDLE, c.handle()));
    }

    byte[] readFile(String path) {
        long h = await(paths.open(path, OpenFlags.READ_ONLY));
        try {
            return EngineFixture.readAll(fs, h);
        } finally {
            await(fs.release(FileSystem.BY_HANDLE, h));
        }
    }

    void mkdir(String path, int mode, Caller caller) {
        await(paths.mkdir(path, mode, caller));
    }

    void symlink(String target, String linkPath, Caller caller) {
        await(paths.symlink(target, linkPath, caller));
    }

    String readlink(String path) {
        return await(paths.readlink(path));
    }

    InodeAttr stat(String path) {
        return await(paths.getattr(path));
    }

    void setMtime(String path, long mtimeNanos) {
        await(paths.setattr(path, SetAttr.times(mtimeNanos, mtimeNanos), FileSystem.NO_HANDLE, Caller.ROOT));
    }

    void setXattr(String path, String name, byte[] value) {
        await(paths.setxattr(path, name, value, FileSystem.XattrMode.UPSERT));
    }

    /** Every extended attribute, by listxattr + getxattr. */
    Map<String, byte[]> xattrs(String path) {
        Map<String, byte[]> out = new HashMap<>();
        for (String name : await(paths.listxattr(path))) {
            out.put(name, await(paths.getxattr(path, name)));
        }
        return out;
    }

    @Override
    public void close() {
        fs.close();
    }
}
