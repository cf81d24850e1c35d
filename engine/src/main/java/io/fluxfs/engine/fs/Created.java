package io.fluxfs.engine.fs;

/** A file that {@link FileSystem#create} made and opened. */
public record Created(Entry entry, long handle) {
}
