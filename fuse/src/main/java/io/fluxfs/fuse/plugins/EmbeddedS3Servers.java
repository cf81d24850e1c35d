package io.fluxfs.fuse.plugins;

import io.fluxfs.fuse.cli.S3ServerStarter;
import io.fluxfs.fuse.cli.StartupException;
import io.fluxfs.testkit.s3.EmbeddedS3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded S3 server for {@code fluxfs mount --embedded DIR}: S3Proxy in the same JVM, on a free
 * port of 127.0.0.1, keeping its objects as files under {@code DIR}, so they survive a remount.
 */
public final class EmbeddedS3Servers implements S3ServerStarter {

    @Override
    public Server start(Path dataDir) throws StartupException {
        EmbeddedS3 s3;
        try {
            Files.createDirectories(dataDir);
            s3 = EmbeddedS3.onDisk(dataDir, 0);
        } catch (Exception e) {
            throw new StartupException("cannot start the embedded S3 server in " + dataDir + ": " + e.getMessage());
        }
        return new Server() {
            @Override
            public URI endpoint() {
                return s3.endpoint().uri();
            }

            @Override
            public String accessKey() {
                return s3.endpoint().accessKey();
            }

            @Override
            public String secretKey() {
                return s3.endpoint().secretKey();
            }

            @Override
            public void close() {
                s3.close();
            }
        };
    }
}
