package io.fluxfs.fuse.cli;

import io.fluxfs.engine.store.ListRequest;
import io.fluxfs.engine.store.ObjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

@Command(name = "mkfs", aliases = "create-bucket", mixinStandardHelpOptions = true,
        description = {"Creates BUCKET for fluxfs. An existing empty bucket is fine;",
                "an existing bucket with objects is refused unless --force (nothing is deleted either way)."})
final class MkfsCommand implements Callable<Integer> {

    private final Plugins plugins;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUCKET")
    String bucket;

    @Option(names = "--endpoint", paramLabel = "URL")
    URI endpoint;

    @Option(names = "--region", paramLabel = "R")
    String region;

    @Option(names = "--profile", paramLabel = "P")
    String profile;

    @Option(names = "--force", description = "Accept an existing bucket that already holds objects.")
    boolean force;

    MkfsCommand(Plugins plugins) {
        this.plugins = plugins;
    }

    @Override
    public Integer call() throws Exception {
        StoreConfig cfg = new StoreConfig(bucket, endpoint, region, profile, null, null);
        try (ObjectStore store = plugins.storeFactory().create(cfg)) {
            if (store.bucketExists().join()) {
                boolean empty = store.list(new ListRequest("", null, null, 1)).join().objects().isEmpty();
                if (!empty && !force) {
                    throw new StartupException("bucket " + bucket + " exists and holds objects: pass --force to use it as it is");
                }
                spec.commandLine().getOut().println("bucket " + bucket + " exists" + (empty ? " (empty)" : "") + "; ready");
            } else {
                store.createBucket().join();
                spec.commandLine().getOut().println("created bucket " + bucket);
            }
        } catch (CompletionException e) {
            throw new StartupException("bucket " + bucket + ": " + e.getCause().getMessage(), e.getCause());
        }
        return FluxfsCommand.OK;
    }
}
