package io.fluxfs.fuse.cli;

import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.fuse.NullFileSystem;

import java.util.Optional;
import java.util.ServiceLoader;

/** The pluggable parts of the command: found with {@link ServiceLoader}, or given by tests. */
public record Plugins(Optional<FileSystemFactory> fileSystems, Optional<ObjectStoreFactory> stores,
                      Optional<S3ServerStarter> s3Servers) {

    public static Plugins fromClassPath() {
        return new Plugins(ServiceLoader.load(FileSystemFactory.class).findFirst(),
                ServiceLoader.load(ObjectStoreFactory.class).findFirst(),
                ServiceLoader.load(S3ServerStarter.class).findFirst());
    }

    FileSystemFactory fileSystemFactory() throws StartupException {
        return fileSystems.orElseThrow(() -> new StartupException(
                "no engine on the class path (no io.fluxfs.fuse.cli.FileSystemFactory service): rebuild with ./fluxfs --rebuild"));
    }

    ObjectStoreFactory storeFactory() throws StartupException {
        return stores.orElseThrow(() -> new StartupException(
                "no S3 client on the class path (no io.fluxfs.fuse.cli.ObjectStoreFactory service): rebuild with ./fluxfs --rebuild"));
    }

    S3ServerStarter s3ServerStarter() throws StartupException {
        return s3Servers.orElseThrow(() -> new StartupException(
                "this build has no embedded S3 server (no io.fluxfs.fuse.cli.S3ServerStarter service)"));
    }

    /** The no-op engine, for measuring FUSE overhead ({@code mount --null-engine}). */
    static FileSystemFactory nullEngine() {
        return config -> (FileSystem) new NullFileSystem();
    }
}
