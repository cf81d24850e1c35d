package io.fluxfs.engine.fs;

/** statfs(2) values. S3 has no capacity, so fluxfs reports a large, fixed one. */
public record StatFs(long blockSize, long blocks, long blocksFree, long blocksAvailable,
                     long files, long filesFree, int nameMax) {
}
