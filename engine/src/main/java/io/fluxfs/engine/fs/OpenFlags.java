package io.fluxfs.engine.fs;

/** The parts of open(2)'s flags the engine acts on, decoded by the caller. */
public record OpenFlags(boolean read, boolean write, boolean truncate, boolean append, boolean exclusive) {
    public static final OpenFlags READ_ONLY = new OpenFlags(true, false, false, false, false);
    public static final OpenFlags WRITE_ONLY = new OpenFlags(false, true, false, false, false);
    public static final OpenFlags READ_WRITE = new OpenFlags(true, true, false, false, false);

    /** Decodes POSIX {@code O_*} flags (Linux values). */
    public static OpenFlags fromPosix(int flags) {
        int acc = flags & 0x3; // O_ACCMODE
        boolean rd = acc == 0 || acc == 2;
        boolean wr = acc == 1 || acc == 2;
        return new OpenFlags(rd, wr, (flags & 0x200) != 0 /* O_TRUNC */, (flags & 0x400) != 0 /* O_APPEND */,
                (flags & 0x80) != 0 /* O_EXCL */);
    }
}
