package io.fluxfs.engine.core;

import io.fluxfs.engine.fs.OpenFlags;

/** One open(2) of a file: the shared {@link OpenFile} and how this handle may use it. */
record FileHandle(long id, Inode inode, OpenFile file, OpenFlags flags) {
}
