package io.fluxfs.engine.fs;

/** The answer to a lookup or a create: the inode and its attributes, with how long they may be cached. */
public record Entry(long ino, InodeAttr attr, long attrTtlNanos, long entryTtlNanos) {
}
