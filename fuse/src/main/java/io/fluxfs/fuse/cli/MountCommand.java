package io.fluxfs.fuse.cli;

import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.fuse.FuseSupport;
import io.fluxfs.fuse.MountOptions;
import io.fluxfs.fuse.ProcMounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

@Command(name = "mount", mixinStandardHelpOptions = true,
        description = {"Mounts BUCKET (or only the keys under /prefix) on MOUNTPOINT.",
                "Runs in the background unless --foreground (the ./fluxfs launcher does the backgrounding).",
                "SIGTERM/SIGINT flush everything pending, then unmount."})
final class MountCommand implements Callable<Integer> {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final Plugins plugins;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUCKET[:/prefix]", description = "The bucket, optionally with a key prefix.")
    String source;

    @Parameters(index = "1", paramLabel = "MOUNTPOINT", description = "An existing, empty directory.")
    Path mountPoint;

    @Option(names = "--endpoint", paramLabel = "URL", description = "S3 endpoint, e.g. http://127.0.0.1:9000 for MinIO (path-style).")
    URI endpoint;

    @Option(names = "--region", paramLabel = "R", description = "Region (default: from the AWS profile/environment).")
    String region;

    @Option(names = "--profile", paramLabel = "P", description = "AWS profile for credentials and region.")
    String profile;

    @Option(names = "-o", paramLabel = "opts", description = "Mount options, comma separated: allow_other, ro, uid=N, gid=N, "
            + "umask=M, nonempty, no_default_permissions, and any libfuse option.")
    List<String> options = new ArrayList<>();

    @Option(names = "--cache-dir", paramLabel = "D", description = "Local state: the block cache (persists across mounts) and staging files of open files (default: $XDG_CACHE_HOME/fluxfs or ~/.cache/fluxfs).")
    Path cacheDir;

    @Option(names = "--cache-size", paramLabel = "SIZE", defaultValue = "10G", converter = Units.SizeConverter.class,
            description = "Disk space for the block cache, index included (default: ${DEFAULT-VALUE}).")
    long cacheSize;

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "1G", converter = Units.SizeConverter.class,
            description = "Memory for read windows (default: ${DEFAULT-VALUE}); prefetch shrinks when it is full. Write buffers do not draw on it yet.")
    long memory;

    @Option(names = "--writeback-delay", paramLabel = "DURATION", defaultValue = "2s", converter = Units.DurationConverter.class,
            description = "How long a closed file waits before its upload starts (default: ${DEFAULT-VALUE}). Not used yet: in this version close uploads before it returns.")
    Duration writebackDelay;

    @Option(names = "--metadata-ttl", paramLabel = "DURATION", defaultValue = "5s", converter = Units.DurationConverter.class,
            description = "How long attributes and listings are cached; changes by other S3 clients show after at most this long (default: ${DEFAULT-VALUE}).")
    Duration metadataTtl;

    @Option(names = "--part-size", paramLabel = "SIZE", defaultValue = "8M", converter = Units.SizeConverter.class,
            description = "Multipart upload part size, 5M..5G; it grows for files too big for 10,000 parts (default: ${DEFAULT-VALUE}).")
    long partSize;

    @Option(names = {"-f", "--foreground"}, description = "Stay attached to the terminal.")
    boolean foreground;

    @Option(names = "--log-file", paramLabel = "F", description = "Log to this file instead of stderr.")
    Path logFile;

    @Option(names = "--log-level", paramLabel = "L", defaultValue = "INFO", description = "ERROR, WARN, INFO, DEBUG or TRACE (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--embedded", paramLabel = "DIR", description = "Start a local S3 server in this process, keeping its data in DIR, and mount from it.")
    Path embedded;

    @Option(names = "--op-timeout", paramLabel = "DURATION", defaultValue = "120s", converter = Units.DurationConverter.class,
            description = "How long a FUSE request waits for the engine before ETIMEDOUT (default: ${DEFAULT-VALUE}).")
    Duration opTimeout;

    @Option(names = "--single-threaded", description = "Serve FUSE requests on one thread (libfuse -s), for debugging.")
    boolean singleThreaded;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "0",
            description = "Serve the status counters in Prometheus text format at http://127.0.0.1:PORT/metrics (default: off).")
    int metricsPort;

    @Option(names = "--fuse-debug", hidden = true, description = "libfuse -d: log every request.")
    boolean fuseDebug;

    @Option(names = "--null-engine", hidden = true, description = "Mount the no-op filesystem (measures FUSE overhead).")
    boolean nullEngine;

    MountCommand(Plugins plugins) {
        this.plugins = plugins;
    }

    @Override
    public Integer call() throws Exception {
        MountConfig config = validate();
        Problem fuse = FuseSupport.problem().map(Problem::new).orElse(null);
        if (fuse != null) {
            throw new StartupException("FUSE is not usable here: " + fuse.text);
        }
        LogSetup.apply(logLevel, logFile);
        S3ServerStarter.Server server = null;
        FileSystem fs;
        StatusSource engineStatus;
        try {
            if (embedded != null) {
                Files.createDirectories(embedded);
                server = plugins.s3ServerStarter().start(embedded);
                config = config.withStore(config.store().withServer(server.endpoint(), server.accessKey(), server.secretKey()));
                ensureBucket(config.store());
            }
            FileSystemFactory factory = nullEngine ? Plugins.nullEngine() : plugins.fileSystemFactory();
            fs = factory.create(config);
            engineStatus = factory.statusOf(fs);
        } catch (StartupException | IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            throw e instanceof StartupException se ? se
                    : new StartupException("cannot mount " + config.source() + ": " + e.getMessage(), e);
        }
        MountDaemon daemon;
        try {
            daemon = MountDaemon.start(config, fs, engineStatus, opTimeout, singleThreaded, fuseDebug);
        } catch (StartupException e) {
            if (server != null) {
                server.close();
            }
            throw e;
        }
        MetricsEndpoint metrics = null;
        if (metricsPort > 0) {
            try {
                metrics = MetricsEndpoint.start(metricsPort, daemon::status);
            } catch (StartupException e) {
                spec.commandLine().getErr().println("fluxfs mount: " + e.getMessage() + " (mounted without metrics)");
            }
        }
        spec.commandLine().getOut().println("fluxfs: mounted " + config.source() + " on " + config.mountPoint());
        spec.commandLine().getOut().flush();
        String err = daemon.awaitStopped();
        if (metrics != null) {
            metrics.close();
        }
        if (server != null) {
            server.close();
        }
        if (err != null) {
            spec.commandLine().getErr().println("fluxfs mount: " + err);
            return FluxfsCommand.FAILURE;
        }
        return FluxfsCommand.OK;
    }

    private record Problem(String text) {
    }

    private void ensureBucket(StoreConfig store) throws StartupException {
        try (var s = plugins.storeFactory().create(store)) {
            if (!s.bucketExists().join()) {
                s.createBucket().join();
            }
        } catch (StartupException e) {
            throw e;
        } catch (Exception e) {
            throw new StartupException("cannot create bucket " + store.bucket() + " on the embedded server: " + e.getMessage(), e);
        }
    }

    /** Checks the arguments; a bad one is a usage error (exit 2) naming it. */
    MountConfig validate() {
        String bucket = source;
        String prefix = "";
        int colon = source.indexOf(':');
        if (colon >= 0) {
            bucket = source.substring(0, colon);
            String p = source.substring(colon + 1);
            if (!p.startsWith("/")) {
                throw usage("'" + source + "': write the prefix as BUCKET:/prefix");
            }
            p = p.replaceAll("^/+|/+$", "");
            prefix = p.isEmpty() ? "" : p + "/";
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw usage("'" + bucket + "' is not a valid bucket name (3-63 characters: a-z, 0-9, '.', '-')");
        }
        List<String> opts = MountOptions.split(options);
        String checked = checkMountPoint(mountPoint, MountOptions.value(opts, "nonempty") != null);
        if (checked != null) {
            throw usage(checked);
        }
        if (partSize < 5L << 20 || partSize > 5L << 30) {
            throw usage("--part-size " + partSize + " is outside 5M..5G");
        }
        if (memory < partSize * 2) {
            throw usage("--memory must hold at least two parts (2 x --part-size)");
        }
        if (opTimeout.isZero()) {
            throw usage("--op-timeout must be positive");
        }
        if (endpoint != null && (endpoint.getScheme() == null || !endpoint.getScheme().matches("https?"))) {
            throw usage("--endpoint " + endpoint + " must be an http:// or https:// URL");
        }
        if (embedded != null && endpoint != null) {
            throw usage("--embedded and --endpoint exclude each other");
        }
        for (String o : opts) {
            String k = o.contains("=") ? o.substring(0, o.indexOf('=')) : o;
            if ((k.equals("uid") || k.equals("gid")) && !o.matches("[a-z]+=\\d+")) {
                throw usage("-o " + o + ": " + k + " takes a number");
            }
            if (k.equals("umask") && !o.matches("umask=[0-7]{1,4}")) {
                throw usage("-o " + o + ": umask takes an octal number");
            }
        }
        Path cache = cacheDir != null ? cacheDir : defaultCacheDir();
        StoreConfig store = new StoreConfig(bucket, endpoint, region, profile, null, null);
        return new MountConfig(store, prefix, ProcMountsPath.of(mountPoint), opts, cache, cacheSize, memory,
                writebackDelay, metadataTtl, partSize, MountOptions.value(opts, "ro") != null);
    }

    /** Null if {@code dir} can be mounted on, else why not. */
    static String checkMountPoint(Path dir, boolean nonEmptyOk) {
        if (!Files.exists(dir)) {
            return "mountpoint " + dir + " does not exist: mkdir it first";
        }
        if (!Files.isDirectory(dir)) {
            return "mountpoint " + dir + " is not a directory";
        }
        if (ProcMounts.isMounted(dir)) {
            return "mountpoint " + dir + " is already a mount (" + ProcMounts.at(dir).get().source()
                    + "): unmount it first";
        }
        if (!nonEmptyOk) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    return "mountpoint " + dir + " is not empty: empty it or pass -o nonempty";
                }
            } catch (IOException e) {
                return "mountpoint " + dir + " cannot be read: " + e.getMessage();
            }
        }
        return null;
    }

    static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("fluxfs");
    }

    private ParameterException usage(String msg) {
        return new ParameterException(spec.commandLine(), msg);
    }

    /** Absolute, normalized, symlinks in the directory resolved: the form /proc/mounts uses. */
    static final class ProcMountsPath {
        private ProcMountsPath() {
        }

        static Path of(Path p) {
            try {
                return p.toRealPath();
            } catch (IOException e) {
                return p.toAbsolutePath().normalize();
            }
        }
    }
}
