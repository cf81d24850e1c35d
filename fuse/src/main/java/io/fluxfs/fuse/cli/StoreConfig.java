package io.fluxfs.fuse.cli;

import java.net.URI;

/**
 * Where the bucket is and how to reach it. {@code endpoint}, {@code region}, {@code profile} and the
 * keys may be null: the AWS defaults and the standard credential chain apply. Keys are set only for
 * the embedded server.
 */
public record StoreConfig(String bucket, URI endpoint, String region, String profile,
                          String accessKey, String secretKey) {

    public StoreConfig withServer(URI endpoint, String accessKey, String secretKey) {
        return new StoreConfig(bucket, endpoint, region == null ? "us-east-1" : region, null, accessKey, secretKey);
    }

    /** Endpoint set: MinIO and friends want path-style addressing. */
    public boolean pathStyle() {
        return endpoint != null;
    }
}
