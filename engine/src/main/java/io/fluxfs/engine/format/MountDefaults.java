package io.fluxfs.engine.format;

/**
 * What the mount says for objects whose headers do not: {@code -o uid=,gid=,umask=}.
 *
 * <p>The umask is only applied where the on-bucket format says so: to implicit directories (prefixes
 * without a marker object, see {@link S3fsMetadata#implicitDirectory}). Modes stored in headers, and
 * the 0750/0640 fallback for objects without a mode header, are returned as they are.
 *
 * @param umask permission bits to clear, {@code 0..0777}
 */
public record MountDefaults(int uid, int gid, int umask) {
    public MountDefaults {
        if ((umask & ~0777) != 0) {
            throw new IllegalArgumentException("umask 0" + Integer.toOctalString(umask) + " is not within 0..0777");
        }
    }
}
