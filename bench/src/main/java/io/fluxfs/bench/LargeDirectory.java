package io.fluxfs.bench;

import io.fluxfs.engine.core.Engine;
import io.fluxfs.engine.core.EngineConfig;
import io.fluxfs.engine.format.MountDefaults;
import io.fluxfs.engine.fs.DirEntry;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.testkit.store.InMemoryObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One directory of many plain objects in an {@link InMemoryObjectStore}, and an engine over it: the
 * fixture that {@link NamespaceBenchmark} measures and its request-count test checks.
 *
 * <p>The objects are what another S3 tool writes: {@code big/file-000000} … with a small body and no
 * {@code x-amz-meta-*} headers, and no {@code big/} marker (an implicit directory). Engines here run
 * with a ticker that never moves, so nothing they cache expires while a benchmark runs: every cache
 * hit stays a cache hit, and every request made is one the design calls for, not a revalidation.
 */
final class LargeDirectory {

    static final String DIR = "big";
    /** Entries per readdir call: about what one 4 KiB FUSE readdir buffer holds with names this short. */
    static final int READDIR_BATCH = 128;
    private static final byte[] BODY = "plain object written by another tool\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private LargeDirectory() {
    }

    static String name(int i) {
        return String.format("file-%06d", i);
    }

    /** A fresh store holding {@code n} plain objects under {@code big/}; filling it counts no request. */
    static InMemoryObjectStore filledStore(int n) {
        InMemoryObjectStore store = InMemoryObjectStore.create();
        for (int i = 0; i < n; i++) {
            store.putDirect(DIR + "/" + name(i), BODY);
        }
        return store;
    }

    /** An engine without the retrying wrapper (so every request counted is one the engine made). */
    static FileSystem openEngine(InMemoryObjectStore store, Path staging) {
        EngineConfig cfg = EngineConfig.builder(staging)
                .defaults(new MountDefaults(1000, 1000, 022))
                .ticker(() -> 0L)
                .build();
        return Engine.openUnretried(store, cfg);
    }

    static Path stagingDir() {
        try {
            return Files.createTempDirectory("fluxfs-bench-staging");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteStaging(Path staging) {
        try (var s = Files.walk(staging)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** opendir, readdir in {@link #READDIR_BATCH}-entry calls to the end, releasedir: every entry but . and .. */
    static List<DirEntry> listAll(FileSystem fs, long dirIno) {
        long h = await(fs.opendir(dirIno));
        List<DirEntry> out = new ArrayList<>();
        long offset = 0;
        while (true) {
            List<DirEntry> page = await(fs.readdir(FileSystem.BY_HANDLE, h, offset, READDIR_BATCH));
            if (page.isEmpty()) {
                break;
            }
            for (DirEntry e : page) {
                if (!e.name().equals(".") && !e.name().equals("..")) {
                    out.add(e);
                }
                offset = e.offset();
            }
        }
        await(fs.releasedir(FileSystem.BY_HANDLE, h));
        return out;
    }

    /** Waits on the calling thread (never an engine or store thread) with a generous deadline. */
    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("engine call did not complete within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
