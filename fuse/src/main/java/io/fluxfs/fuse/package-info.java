/**
 * The FUSE layer: a thin adapter from libfuse2's high-level (path based) API, through jnr-fuse, to
 * the engine's {@link io.fluxfs.engine.fs.PathFileSystem}; plus the mount lifecycle.
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@link io.fluxfs.fuse.JnrFuseAdapter}: every callback decodes its arguments, makes one engine
 *       call, waits for it with a timeout on the libfuse worker thread, and encodes the reply.</li>
 *   <li>{@link io.fluxfs.fuse.Errno}: the one exhaustive table from {@code FsError} to errno.</li>
 *   <li>{@link io.fluxfs.fuse.OpCounters}: calls, errors, timeouts and ENOSYS answers per op, for
 *       {@code fluxfs status}.</li>
 *   <li>{@link io.fluxfs.fuse.FuseMount}, {@link io.fluxfs.fuse.MountOptions},
 *       {@link io.fluxfs.fuse.ProcMounts}, {@link io.fluxfs.fuse.FuseSupport}: running libfuse's loop,
 *       its options, and whether something is (or can be) mounted.</li>
 *   <li>{@link io.fluxfs.fuse.NullFileSystem}: a do-nothing engine to measure FUSE's own cost.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * libfuse2's multithreaded loop runs requests on its own native worker threads (it keeps up to 10
 * idle ones and starts more under load). jnr-ffi (jffi) attaches such a thread to the JVM for each
 * callback — a new {@code java.lang.Thread} object every time — and detaches it afterwards, until the
 * same native thread has been attached 1000 times ({@code THREAD_ATTACH_THRESHOLD} in jffi's
 * ClosureMagazine.c); from then on it stays attached until it exits. So the cost is bounded per
 * worker thread, not per request: {@code fuse.threads.attached} in {@code fluxfs status} counts the
 * Java thread objects made (about 1000 per worker). With {@code -s} (single-threaded) callbacks run
 * on the Java thread that called {@code fuse_main}, which needs no attaching at all, but one slow
 * engine call then stalls every request. fluxfs keeps the multithreaded default; figures are in
 * {@code NullMountBenchmark}'s javadoc.
 *
 * <h2>Data</h2>
 * A write's bytes are copied out of libfuse's buffer into a fresh heap array before the engine sees
 * them (libfuse reuses its buffer when the callback returns; the engine may keep the data longer).
 * Heap beats a direct buffer per call by about 5x on this machine ({@code WriteCopyBenchmark}).
 * A read's result is copied into libfuse's buffer.
 *
 * <h2>What libfuse2 and the kernel do for us</h2>
 * {@code default_permissions}: the kernel checks permissions (no {@code access} callback). Locks:
 * neither {@code lock} nor {@code flock} is registered, so the kernel keeps POSIX and BSD locks
 * locally for the mount (they work between processes on this machine, not across machines).
 * Unlinking an open file renames it to {@code .fuse_hiddenNNN} until the last close (libfuse2
 * without {@code hard_remove}). {@code fuse_operations.flag_utime_omit_ok} is set by the adapter so
 * that a change of only atime or only mtime reaches the engine.
 */
package io.fluxfs.fuse;
