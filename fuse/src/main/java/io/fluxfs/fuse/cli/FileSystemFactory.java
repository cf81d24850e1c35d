package io.fluxfs.fuse.cli;

import io.fluxfs.engine.fs.FileSystem;

/**
 * Builds the engine for a mount. The engine module provides the real one through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.fluxfs.fuse.cli.FileSystemFactory});
 * tests pass their own.
 *
 * <p>Contract: {@link #create} returns only a filesystem that has reached the bucket (the bucket
 * exists and the credentials work). Otherwise it throws {@link StartupException} with one line that
 * names what is wrong and where ({@code "endpoint http://127.0.0.1:9 is unreachable"},
 * {@code "bucket photos does not exist"}, {@code "access denied to bucket photos: check the
 * credentials of profile dev"}), having released everything it opened.
 *
 * <p>The engine module cannot implement this interface (fuse depends on engine, not the other way),
 * so the implementation is a small class in fuse that maps {@link MountConfig} onto the engine's
 * own public factory and is registered in fuse's {@code META-INF/services}.
 */
@FunctionalInterface
public interface FileSystemFactory {

    FileSystem create(MountConfig config) throws StartupException;

    /**
     * The counters {@code fluxfs status} shows for {@code fs}; the implementation adapts the engine's
     * metrics here. Default: {@code fs} itself if it is a {@link StatusSource}, else none.
     */
    default StatusSource statusOf(FileSystem fs) {
        return fs instanceof StatusSource s ? s : null;
    }
}
