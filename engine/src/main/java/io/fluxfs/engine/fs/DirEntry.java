package io.fluxfs.engine.fs;

/**
 * One directory entry.
 *
 * @param type   the file type bits ({@link InodeAttr#S_IFDIR}, ...), as much as the listing tells
 * @param offset the position to pass to readdir to continue after this entry
 */
public record DirEntry(String name, long ino, int type, long offset) {
}
