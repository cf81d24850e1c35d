package io.fluxfs.fuse.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code fluxfs mount} was told, validated, for the {@link FileSystemFactory}.
 *
 * @param prefix        key prefix inside the bucket, "" for the whole bucket, else ending in "/"
 * @param options       the user's {@code -o} options, one per element
 * @param cacheDir      where the block cache and journal live
 * @param cacheSize     block cache bytes on disk
 * @param memory        the one memory budget (read windows, write buffers), bytes
 * @param writebackDelay how long a closed file waits before its upload starts
 * @param metadataTtl   how long attributes and entries are cached
 * @param partSize      multipart upload part size, bytes
 */
public record MountConfig(StoreConfig store, String prefix, Path mountPoint, List<String> options,
                          Path cacheDir, long cacheSize, long memory, Duration writebackDelay,
                          Duration metadataTtl, long partSize, boolean readOnly) {

    public MountConfig {
        options = List.copyOf(options);
    }

    /** What /proc/mounts shows after {@code fluxfs#}. */
    public String source() {
        return store.bucket() + (prefix.isEmpty() ? "" : ":/" + prefix.substring(0, prefix.length() - 1));
    }

    public MountConfig withStore(StoreConfig s) {
        return new MountConfig(s, prefix, mountPoint, options, cacheDir, cacheSize, memory, writebackDelay,
                metadataTtl, partSize, readOnly);
    }
}
