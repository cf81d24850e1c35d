package io.fluxfs.fuse.plugins;

import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.engine.store.StoreException;
import io.fluxfs.engine.store.crt.CrtObjectStores;
import io.fluxfs.engine.store.crt.S3Config;
import io.fluxfs.engine.store.crt.S3Credentials;
import io.fluxfs.fuse.cli.ObjectStoreFactory;
import io.fluxfs.fuse.cli.StartupException;
import io.fluxfs.fuse.cli.StoreConfig;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CRT S3 client for the command: maps {@link StoreConfig} onto {@link S3Config}, and turns the
 * first request's failure into one line that says what to fix.
 */
public final class CrtStores implements ObjectStoreFactory {

    @Override
    public ObjectStore create(StoreConfig c) throws StartupException {
        S3Config.Builder b = S3Config.builder().bucket(c.bucket());
        if (c.endpoint() != null) {
            b.endpoint(c.endpoint()).pathStyle(true);
        }
        if (c.region() != null) {
            b.region(c.region());
        }
        if (c.accessKey() != null) {
            b.staticCredentials(c.accessKey(), c.secretKey());
        } else if (c.profile() != null) {
            b.credentials(S3Credentials.profile(c.profile()));
        }
        try {
            return CrtObjectStores.open(b.build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StartupException("cannot use endpoint " + where(c) + ": " + e.getMessage());
        }
    }

    /** Fails with one line unless the bucket exists and the credentials may use it. */
    static void checkReachable(ObjectStore store, StoreConfig c) throws StartupException {
        boolean exists;
        try {
            exists = store.bucketExists().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            StoreException se = StoreException.unwrap(e);
            if (se == null) {
                throw new StartupException("cannot reach " + where(c) + ": " + e.getCause());
            }
            throw new StartupException(switch (se.kind()) {
                case ACCESS_DENIED -> "access denied to bucket " + c.bucket() + " at " + where(c)
                        + ": check the credentials" + (c.profile() != null ? " of profile " + c.profile() : "")
                        + " (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws/credentials or --profile)";
                case TRANSIENT, THROTTLED -> "endpoint " + where(c) + " is unreachable or not answering as S3 ("
                        + firstLine(se.getMessage()) + ")";
                default -> "bucket " + c.bucket() + " at " + where(c) + " cannot be used: " + firstLine(se.getMessage());
            });
        } catch (TimeoutException e) {
            throw new StartupException("endpoint " + where(c) + " did not answer within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while checking bucket " + c.bucket());
        }
        if (!exists) {
            throw new StartupException("bucket " + c.bucket() + " does not exist at " + where(c)
                    + " (create it with: fluxfs mkfs " + c.bucket() + (c.endpoint() != null ? " --endpoint " + c.endpoint() : "") + ")");
        }
    }

    static String where(StoreConfig c) {
        return c.endpoint() != null ? c.endpoint().toString() : "AWS S3" + (c.region() != null ? " (" + c.region() + ")" : "");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
