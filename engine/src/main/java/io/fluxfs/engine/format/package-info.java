/**
 * The on-bucket format: how a path becomes a key and how POSIX metadata travels in
 * {@code x-amz-meta-*} headers, byte for byte as s3fs-fuse writes them (see the shared
 * {@code ON-BUCKET-FORMAT.md}). Pure functions, no I/O, no logging: callers log what they are told.
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@link io.fluxfs.engine.format.Keys}: path to key ({@code prefix/a/b/c}, directories
 *       {@code prefix/a/b/}), name checks (EINVAL / ENAMETOOLONG, never a silent rename) and the
 *       1024-byte key limit.</li>
 *   <li>{@link io.fluxfs.engine.format.S3fsMetadata}: {@link io.fluxfs.engine.format.PosixMeta} to
 *       headers and back, built from the three codecs {@link io.fluxfs.engine.format.ModeCodec}
 *       (C {@code strtol}), {@link io.fluxfs.engine.format.TimeCodec} and
 *       {@link io.fluxfs.engine.format.XattrCodec}.</li>
 * </ul>
 *
 * <h2>Writing (header names without the {@code x-amz-meta-} prefix)</h2>
 * <pre>
 *   mode   full st_mode in decimal             file 0644 = 33188, dir 0755 = 16877, symlink 0777 = 41471
 *   uid    unsigned decimal                    1000
 *   gid    unsigned decimal                    1000
 *   mtime  seconds[.exactly 9 digits]          1718000000, 1718000000.123456789
 *   ctime  as mtime
 *   atime  as mtime
 *   xattr  only when there are xattrs          %7B%22user.k%22%3A%22dmFs%22%7D   ({"user.k":"val"})
 * </pre>
 * A directory marker additionally gets Content-Type {@code application/x-directory}
 * ({@link io.fluxfs.engine.format.S3fsMetadata#DIRECTORY_CONTENT_TYPE}); setting it is the writer's job.
 * Times before 1970 are written as a {@code timespec}: seconds rounded down, positive fraction.
 *
 * <h2>Reading: first source that parses wins</h2>
 * <pre>
 *   mode   mode (strtol base 0) → permissions (s3sync, strtol) → goog-reserved-posix-mode (octal)
 *          → file-permissions (DataSync, octal, "0644" or "0100644") → 0750 for "…/" keys, 0640 otherwise
 *   type   if the mode has no S_IFMT bits: directory if the key ends in "/" or the Content-Type
 *          (parameters after ';' ignored, case-insensitive) is application/x-directory or
 *          httpd/unix-directory (Nextcloud; s3fs accepts it too); else regular file
 *   uid    uid → owner (s3sync) → goog-reserved-posix-uid → file-owner (DataSync) → mount uid
 *   gid    gid → group (s3sync) → goog-reserved-posix-gid → file-group (DataSync) → mount gid
 *   mtime  mtime → goog-reserved-file-mtime (seconds) → file-mtime (DataSync) → Last-Modified
 *   ctime  ctime → file-ctime (DataSync) → the mtime just read
 *   atime  atime → file-atime (DataSync) → the mtime just read
 *   xattr  xattr (URL-encoded or plain JSON) → none
 * </pre>
 * A plain object without any of these headers is therefore a regular file 0640 (a {@code …/} key a
 * directory 0750) of the mount's uid/gid, with Last-Modified as its times.
 *
 * <h2>Decisions, and where we differ from s3fs-fuse</h2>
 * <ul>
 *   <li><b>Malformed values fall through.</b> A value that does not parse in full (trailing garbage,
 *       out of range, a mode with bits above 0177777) is skipped and the next source is tried; s3fs
 *       would take it as 0. Nothing in a header can make {@code decode} throw.</li>
 *   <li><b>Umask.</b> Applied only to implicit directories
 *       ({@link io.fluxfs.engine.format.S3fsMetadata#implicitDirectory}: {@code 0755 & ~umask}), as the
 *       format says. Stored modes and the 0750/0640 fallbacks are returned unmasked, as s3fs's header
 *       parsing does; masking what {@code stat} shows (s3fs's {@code -o umask}) is the engine's call.</li>
 *   <li><b>Zero and negative times are real times.</b> s3fs ignores an mtime {@code <= 0} and uses
 *       Last-Modified; we keep it, so {@code touch -d @0} survives a round trip.</li>
 *   <li><b>ctime/atime default to the mtime read</b>, not to Last-Modified as in s3fs, so an object
 *       with only an mtime header has consistent times.</li>
 *   <li><b>Fractions are decimal fractions.</b> {@code "1.5"} is 1.5 s (s3fs would read 1 s + 5 ns);
 *       the nine-digit form both tools write reads the same either way.</li>
 *   <li><b>URL encoding keeps {@code /}.</b> s3fs's {@code urlEncode} leaves {@code A-Z a-z 0-9 - _ . ~}
 *       and {@code /} alone (checked against s3fs-fuse's {@code string_util.cpp}), so base64's {@code /}
 *       is written raw and {@code +}, {@code =} as {@code %2B}, {@code %3D}.</li>
 *   <li><b>DataSync headers</b> (as DataSync, S3 File Gateway and FSx for Lustre write them):
 *       {@code file-permissions} octal, with or without type bits; {@code file-owner},
 *       {@code file-group} decimal; {@code file-mtime}, {@code file-atime}, {@code file-ctime} integer
 *       nanoseconds with an {@code ns} suffix ({@code 1718000000000000000ns}); a value without the
 *       suffix is read as seconds. These shapes come from AWS's documentation of the interoperable
 *       metadata, not from a bucket DataSync wrote; tests pin them.</li>
 *   <li><b>Ids</b> are written unsigned ({@code 4294967294} for nobody on some systems) and read with
 *       strtol, wrapping to 32 bits, so every {@code int} uid round-trips.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * For every {@link io.fluxfs.engine.format.PosixMeta} {@code m} whose mode has its type bits,
 * {@code decode(key, ct, encode(m), anyTime, anyDefaults).equals(m)}; the property test checks it on
 * random metas with nanoseconds, negative times, unsigned ids and binary xattr values.
 */
package io.fluxfs.engine.format;
