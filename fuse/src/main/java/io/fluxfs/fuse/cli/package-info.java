/**
 * The {@code fluxfs} command (picocli): {@code mount}, {@code unmount}, {@code status}, {@code mkfs}.
 *
 * <h2>Plug points</h2>
 * The command knows no engine: {@link io.fluxfs.fuse.cli.FileSystemFactory} builds the
 * {@code FileSystem}, {@link io.fluxfs.fuse.cli.ObjectStoreFactory} the store for {@code mkfs},
 * {@link io.fluxfs.fuse.cli.S3ServerStarter} the embedded server for {@code --embedded}; all found
 * with {@link java.util.ServiceLoader} ({@link io.fluxfs.fuse.cli.Plugins}). The engine's counters reach
 * {@code fluxfs status} as a {@link io.fluxfs.fuse.cli.StatusSource} from
 * {@code FileSystemFactory.statusOf}. Engine and testkit cannot implement these interfaces (fuse
 * depends on them), so each implementation is a small adapter class in fuse, registered in its
 * {@code META-INF/services}.
 *
 * <h2>Lifecycle</h2>
 * {@code mount --foreground} validates (usage errors exit 2), builds the engine (a failure to reach
 * the store exits 1 with one line, nothing mounted), mounts, prints {@code fluxfs: mounted ...}
 * and serves until unmounted. Backgrounding is the launcher script's job (setsid + nohup, it waits
 * for that line). Stopping always goes flush ({@code FileSystem.close()}) then {@code fusermount -u}:
 * on SIGTERM/SIGINT (shutdown hook), on {@code fluxfs unmount} (through the control socket, with
 * progress lines), or after an outside unmount (flush after the fact).
 *
 * <h2>Control socket</h2>
 * A Unix-domain socket per mountpoint under {@code $XDG_RUNTIME_DIR/fluxfs} or
 * {@code /tmp/fluxfs-UID} (directory 0700, socket 0600): one request line, answer lines, close.
 */
package io.fluxfs.fuse.cli;
