package io.fluxfs.fuse.plugins;

import io.fluxfs.engine.core.Engine;
import io.fluxfs.engine.core.EngineConfig;
import io.fluxfs.engine.format.MountDefaults;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.fuse.cli.FileSystemFactory;
import io.fluxfs.fuse.cli.MountConfig;
import io.fluxfs.fuse.cli.StartupException;
import io.fluxfs.fuse.cli.StatusSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real engine for {@code fluxfs mount}: a CRT store checked to reach its bucket, and the engine
 * over it with the mount's settings. The filesystem owns the store: unmount closes both, after the
 * last upload.
 */
public final class EngineFileSystems implements FileSystemFactory {

    @Override
    public FileSystem create(MountConfig c) throws StartupException {
        ObjectStore store = new CrtStores().create(c.store());
        try {
            CrtStores.checkReachable(store, c.store());
            Path staging = privateDir(c.cacheDir().resolve("staging"));
            EngineConfig cfg = EngineConfig.builder(staging)
                    .prefix(c.prefix())
                    .defaults(defaults(c))
                    .metadataTtl(c.metadataTtl())
                    .partSize(c.partSize())
                    .memoryBudget(c.memory())
                    .cacheDir(privateDir(c.cacheDir().resolve("blocks")))
                    .cacheSize(c.cacheSize())
                    .build();
            return Engine.openOwning(store, cfg);
        } catch (StartupException e) {
            store.close();
            throw e;
        } catch (IllegalArgumentException e) {
            store.close();
            throw new StartupException(e.getMessage());
        }
    }

    @Override
    public StatusSource statusOf(FileSystem fs) {
        return () -> new LinkedHashMap<>(fs.status());
    }

    /** Objects without owner headers belong to the mounting user (or -o uid=/gid=), masked by -o umask=. */
    static MountDefaults defaults(MountConfig c) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String opt : c.options()) {
            int eq = opt.indexOf('=');
            if (eq > 0) {
                o.put(opt.substring(0, eq), opt.substring(eq + 1));
            }
        }
        com.sun.security.auth.module.UnixSystem me = new com.sun.security.auth.module.UnixSystem();
        int uid = o.containsKey("uid") ? Integer.parseInt(o.get("uid")) : (int) me.getUid();
        int gid = o.containsKey("gid") ? Integer.parseInt(o.get("gid")) : (int) me.getGid();
        int umask = o.containsKey("umask") ? Integer.parseInt(o.get("umask"), 8) : 022;
        return new MountDefaults(uid, gid, umask);
    }

    static Path privateDir(Path dir) throws StartupException {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            throw new StartupException("cannot use cache directory " + dir + ": " + e.getMessage());
        }
    }
}
