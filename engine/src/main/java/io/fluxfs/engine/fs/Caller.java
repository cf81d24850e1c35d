package io.fluxfs.engine.fs;

/** Who asks: the calling process's effective ids (owner of what it creates) and its umask. */
public record Caller(int uid, int gid, int umask) {
    public static final Caller ROOT = new Caller(0, 0, 0);
}
