/**
 * The engine's public filesystem API: {@link io.fluxfs.engine.fs.FileSystem} (inode based, asynchronous),
 * {@link io.fluxfs.engine.fs.PathFileSystem} (the path-based face for libfuse's high-level API) and
 * their values. Errors are {@link io.fluxfs.engine.fs.FsException} carrying an
 * {@link io.fluxfs.engine.fs.FsError} named after the errno it becomes; the fuse module owns the numbers.
 */
package io.fluxfs.engine.fs;
