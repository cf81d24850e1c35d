package io.fluxfs.engine.store.crt;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything {@link CrtObjectStores#open(S3Config)} needs to reach one bucket. Build it with
 * {@link #builder()}; every check names the value it refused.
 *
 * @param endpoint          {@code http(s)://host[:port]} of an S3-compatible store, or {@code null} for AWS
 * @param region            signing region, e.g. {@code us-east-1}
 * @param bucket            the bucket every call of the store addresses
 * @param credentials       where the keys come from
 * @param pathStyle         {@code http://host/bucket/key} instead of {@code http://bucket.host/key};
 *                          defaults to true exactly when an endpoint is given
 * @param maxConcurrency    the CRT's cap on requests in flight; 0 lets the CRT derive it from the throughput
 * @param targetThroughputGbps the throughput the CRT sizes its connection pool for
 * @param partSizeBytes     the size of the ranged GETs the CRT splits a large GET into
 * @param connectTimeout    TCP/TLS connect timeout
 * @param requestTimeout    a whole call, retries included; {@link Duration#ZERO} for none
 * @param maxRetries        the CRT's own retries of retryable failures before the future fails
 */
public record S3Config(URI endpoint, String region, String bucket, S3Credentials credentials, boolean pathStyle,
                       int maxConcurrency, double targetThroughputGbps, long partSizeBytes,
                       Duration connectTimeout, Duration requestTimeout, int maxRetries) {

    /** What S3 itself accepts; MinIO and S3Proxy accept a superset. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9\\-]*");
    private static final long MIN_PART = 5L * 1024 * 1024;
    private static final long MAX_PART = 5L * 1024 * 1024 * 1024;

    public S3Config {
        if (endpoint != null) {
            String scheme = endpoint.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("endpoint '" + endpoint + "' must start with http:// or https://");
            }
            if (endpoint.getHost() == null) {
                throw new IllegalArgumentException("endpoint '" + endpoint + "' has no host");
            }
            if (endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty() && !"/".equals(endpoint.getRawPath())) {
                throw new IllegalArgumentException("endpoint '" + endpoint + "' must not have a path; the bucket goes in 'bucket'");
            }
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region '" + region + "' is not a region name like us-east-1");
        }
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("bucket '" + bucket
                    + "' is not a valid bucket name (3-63 of a-z 0-9 . -, starting and ending with a letter or digit)");
        }
        Objects.requireNonNull(credentials, "credentials");
        if (maxConcurrency < 0 || maxConcurrency > 10_000) {
            throw new IllegalArgumentException("maxConcurrency " + maxConcurrency + " is outside 0..10000 (0 = CRT default)");
        }
        if (!(targetThroughputGbps > 0) || targetThroughputGbps > 1000) {
            throw new IllegalArgumentException("targetThroughputGbps " + targetThroughputGbps + " is outside (0, 1000]");
        }
        if (partSizeBytes < MIN_PART || partSizeBytes > MAX_PART) {
            throw new IllegalArgumentException("partSizeBytes " + partSizeBytes + " is outside " + MIN_PART + ".." + MAX_PART);
        }
        requirePositive("connectTimeout", connectTimeout, false);
        requirePositive("requestTimeout", requestTimeout, true);
        if (maxRetries < 0 || maxRetries > 20) {
            throw new IllegalArgumentException("maxRetries " + maxRetries + " is outside 0..20");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when the store is AWS S3 itself. */
    public boolean isAws() {
        return endpoint == null;
    }

    /** A copy for another bucket of the same store. */
    public S3Config withBucket(String otherBucket) {
        return new S3Config(endpoint, region, otherBucket, credentials, pathStyle, maxConcurrency,
                targetThroughputGbps, partSizeBytes, connectTimeout, requestTimeout, maxRetries);
    }

    /** A copy with other credentials. */
    public S3Config withCredentials(S3Credentials other) {
        return new S3Config(endpoint, region, bucket, other, pathStyle, maxConcurrency,
                targetThroughputGbps, partSizeBytes, connectTimeout, requestTimeout, maxRetries);
    }

    private static void requirePositive(String name, Duration d, boolean zeroAllowed) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException(name + " " + d + " must be " + (zeroAllowed ? "zero or " : "") + "positive");
        }
    }

    /** Mutable builder; {@link #build()} validates. Defaults suit a LAN MinIO and AWS alike. */
    public static final class Builder {
        private URI endpoint;
        private String region = "us-east-1";
        private String bucket;
        private S3Credentials credentials = S3Credentials.defaultChain();
        private Boolean pathStyle;
        private int maxConcurrency;
        private double targetThroughputGbps = 10.0;
        private long partSizeBytes = 8L * 1024 * 1024;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofMinutes(5);
        private int maxRetries = 3;

        private Builder() {
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder endpoint(String endpoint) {
            try {
                this.endpoint = endpoint == null ? null : URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("endpoint '" + endpoint + "' is not a URI: " + e.getMessage(), e);
            }
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        public Builder credentials(S3Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder staticCredentials(String accessKey, String secretKey) {
            return credentials(S3Credentials.of(accessKey, secretKey));
        }

        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        public Builder targetThroughputGbps(double gbps) {
            this.targetThroughputGbps = gbps;
            return this;
        }

        public Builder partSizeBytes(long bytes) {
            this.partSizeBytes = bytes;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public S3Config build() {
            boolean path = pathStyle != null ? pathStyle : endpoint != null;
            return new S3Config(endpoint, region, bucket, credentials, path, maxConcurrency, targetThroughputGbps,
                    partSizeBytes, connectTimeout, requestTimeout, maxRetries);
        }
    }
}
