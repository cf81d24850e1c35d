package io.fluxfs.testkit.s3;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;

/**
 * The one way a test gets a real S3 server. Each kind starts at most once per JVM and is shared.
 *
 * <p>{@link #forTests()} chooses, in this order:
 * <ol>
 *   <li>system property {@code fluxfs.test.s3=minio}: MinIO in Docker via Testcontainers;</li>
 *   <li>environment {@code FLUXFS_TEST_S3_ENDPOINT} (with {@code FLUXFS_TEST_S3_ACCESS_KEY},
 *       {@code FLUXFS_TEST_S3_SECRET_KEY}, optional {@code FLUXFS_TEST_S3_REGION}): that server;</li>
 *   <li>otherwise ({@code fluxfs.test.s3=embedded}, the default): S3Proxy in this JVM, in memory.</li>
 * </ol>
 * Without a Docker engine, MinIO is not an error: the calling test is <em>aborted</em> (reported as
 * skipped) with the reason, through JUnit's {@link Assumptions}.
 */
public final class S3Servers {

    public static final String PROPERTY = "fluxfs.test.s3";
    public static final String ENV_ENDPOINT = "FLUXFS_TEST_S3_ENDPOINT";
    public static final String ENV_ACCESS_KEY = "FLUXFS_TEST_S3_ACCESS_KEY";
    public static final String ENV_SECRET_KEY = "FLUXFS_TEST_S3_SECRET_KEY";
    public static final String ENV_REGION = "FLUXFS_TEST_S3_REGION";
    /** Overrides the MinIO image. */
    public static final String MINIO_IMAGE_PROPERTY = "fluxfs.test.minio.image";
    static final String DEFAULT_MINIO_IMAGE = "minio/minio:RELEASE.2023-09-04T19-57-37Z";

    private S3Servers() {
    }

    /** The server this test run uses; see the class comment for the choice. */
    public static S3Endpoint forTests() {
        return choose(System.getProperty(PROPERTY, "embedded"), System.getenv());
    }

    static S3Endpoint choose(String property, Map<String, String> env) {
        String kind = property == null || property.isBlank() ? "embedded" : property.strip().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "minio" -> minio();
            case "embedded", "external" -> {
                S3Endpoint external = fromEnvironment(env);
                if (external != null) {
                    yield external;
                }
                if (kind.equals("external")) {
                    throw new IllegalStateException(PROPERTY + "=external needs " + ENV_ENDPOINT + " to be set");
                }
                yield embedded();
            }
            default -> throw new IllegalArgumentException(PROPERTY + "='" + property
                    + "' is not one of embedded, minio, external");
        };
    }

    /** The in-memory S3Proxy of this JVM, started on first use on a free loopback port. */
    public static S3Endpoint embedded() {
        return Embedded.SERVER.endpoint();
    }

    /**
     * MinIO in Docker, started on first use. Aborts the calling test (skipped, with the reason) when no
     * Docker engine answers.
     */
    public static S3Endpoint minio() {
        Assumptions.assumeTrue(Minio.DOCKER, () -> "MinIO tests need a Docker engine and none answered ("
                + Minio.DOCKER_PROBLEM + "); the same tests run on the embedded S3Proxy");
        return Minio.endpoint();
    }

    /** An external server from the environment, or null when {@value #ENV_ENDPOINT} is not set. */
    static S3Endpoint fromEnvironment(Map<String, String> env) {
        String uri = env.get(ENV_ENDPOINT);
        if (uri == null || uri.isBlank()) {
            return null;
        }
        String access = env.get(ENV_ACCESS_KEY);
        String secret = env.get(ENV_SECRET_KEY);
        if (access == null || secret == null) {
            throw new IllegalStateException(ENV_ENDPOINT + "=" + uri + " needs " + ENV_ACCESS_KEY + " and "
                    + ENV_SECRET_KEY + " as well");
        }
        String region = env.getOrDefault(ENV_REGION, "us-east-1");
        return new S3Endpoint(URI.create(uri.strip()), region, access, secret, "external");
    }

    /** Holder: the embedded server starts when first asked for, once, and stops with the JVM. */
    private static final class Embedded {
        static final EmbeddedS3 SERVER = startShared();

        private static EmbeddedS3 startShared() {
            EmbeddedS3 s3 = EmbeddedS3.inMemory(0);
            Runtime.getRuntime().addShutdownHook(new Thread(s3::close, "fluxfs-embedded-s3-stop"));
            return s3;
        }
    }

    /** Holder: probes Docker once; starts MinIO only if asked for and Docker is there. */
    private static final class Minio {
        static final boolean DOCKER;
        static final String DOCKER_PROBLEM;
        private static MinIOContainer container;

        static {
            boolean ok;
            String problem;
            try {
                ok = DockerClientFactory.instance().isDockerAvailable();
                problem = ok ? "" : "Testcontainers found no Docker environment";
            } catch (RuntimeException | LinkageError e) {
                ok = false;
                problem = e.toString();
            }
            DOCKER = ok;
            DOCKER_PROBLEM = problem;
        }

        static synchronized S3Endpoint endpoint() {
            if (container == null) {
                MinIOContainer c = new MinIOContainer(System.getProperty(MINIO_IMAGE_PROPERTY, DEFAULT_MINIO_IMAGE))
                        .withUserName("fluxfs-test")
                        .withPassword("fluxfs-test-secret");
                c.start();
                container = c;
                // Testcontainers' Ryuk removes the container when this JVM exits.
            }
            return new S3Endpoint(URI.create(container.getS3URL()), "us-east-1", container.getUserName(),
                    container.getPassword(), "minio");
        }
    }
}
