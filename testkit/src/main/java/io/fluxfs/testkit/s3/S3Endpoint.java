package io.fluxfs.testkit.s3;

import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.engine.store.crt.CrtObjectStores;
import io.fluxfs.engine.store.crt.S3Config;
import io.fluxfs.engine.store.crt.S3Credentials;
import java.net.URI;
import java.util.Objects;

/**
 * A reachable S3-compatible server and the keys to use on it.
 *
 * @param uri     {@code http://host:port}, no path
 * @param region  signing region
 * @param name    what it is, for messages: {@code embedded}, {@code minio}, {@code external}
 */
public record S3Endpoint(URI uri, String region, String accessKey, String secretKey, String name) {

    public S3Endpoint {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(name, "name");
    }

    /** A config for one bucket of this server: path style, static keys, the engine's defaults otherwise. */
    public S3Config config(String bucket) {
        return S3Config.builder()
                .endpoint(uri)
                .region(region)
                .bucket(bucket)
                .credentials(S3Credentials.of(accessKey, secretKey))
                .pathStyle(true)
                .build();
    }

    /** A store for one bucket of this server; makes no request. */
    public ObjectStore open(String bucket) {
        return CrtObjectStores.open(config(bucket));
    }

    /** The secret stays out of test reports. */
    @Override
    public String toString() {
        return name + " S3 at " + uri + " (region " + region + ", access key " + accessKey + ")";
    }
}
