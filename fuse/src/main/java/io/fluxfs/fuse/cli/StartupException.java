package io.fluxfs.fuse.cli;

/** A mount or command that cannot start, with one line saying what to fix. */
public class StartupException extends Exception {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
