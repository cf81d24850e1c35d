package io.fluxfs.engine.store.crt;

import java.util.Objects;

/**
 * Where {@link CrtObjectStores} gets its credentials. A plain value, free of SDK types, so that the
 * command line and tests can build one without touching the AWS SDK.
 */
public sealed interface S3Credentials {

    /** Fixed keys, e.g. for MinIO or the embedded test server. */
    record Static(String accessKey, String secretKey, String sessionToken) implements S3Credentials {
        public Static {
            Objects.requireNonNull(accessKey, "accessKey");
            Objects.requireNonNull(secretKey, "secretKey");
            if (accessKey.isBlank()) {
                throw new IllegalArgumentException("access key '" + accessKey + "' is blank");
            }
            if (secretKey.isEmpty()) {
                throw new IllegalArgumentException("secret key for access key '" + accessKey + "' is empty");
            }
        }

        /** The secret never shows up in logs. */
        @Override
        public String toString() {
            return "Static[accessKey=" + accessKey + ", secretKey=***" + (sessionToken == null ? "" : ", sessionToken=***") + "]";
        }
    }

    /** A named profile from {@code ~/.aws/credentials} / {@code ~/.aws/config}. */
    record Profile(String name) implements S3Credentials {
        public Profile {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("profile name '" + name + "' is blank");
            }
        }
    }

    /** The AWS default chain: environment, system properties, profile, container, instance role. */
    record DefaultChain() implements S3Credentials {
    }

    static S3Credentials of(String accessKey, String secretKey) {
        return new Static(accessKey, secretKey, null);
    }

    static S3Credentials profile(String name) {
        return new Profile(name);
    }

    static S3Credentials defaultChain() {
        return new DefaultChain();
    }
}
