package io.fluxfs.fuse.cli;

import java.net.URI;
import java.nio.file.Path;

/**
 * Starts a local S3 server in this JVM for {@code fluxfs mount --embedded DIR} (a zero-setup demo).
 * testkit's embedded S3Proxy launcher is meant to provide it through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.fluxfs.fuse.cli.S3ServerStarter}).
 */
@FunctionalInterface
public interface S3ServerStarter {

    /** Starts a server that keeps its objects under {@code dataDir}, listening on 127.0.0.1 only. */
    Server start(Path dataDir) throws StartupException;

    /** A running server; {@link #close} stops it. */
    interface Server extends AutoCloseable {
        URI endpoint();

        String accessKey();

        String secretKey();

        @Override
        void close();
    }
}
