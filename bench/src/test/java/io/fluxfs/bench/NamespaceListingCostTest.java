package io.fluxfs.bench;

import static io.fluxfs.bench.LargeDirectory.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fluxfs.engine.fs.DirEntry;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.InodeAttr;
import io.fluxfs.engine.store.StoreException.Verb;
import io.fluxfs.testkit.store.InMemoryObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request counts that {@link NamespaceBenchmark}'s numbers stand on, on the same fixture: listing
 * 100,000 plain objects costs one LIST per 1000 keys and no HEAD; a listed entry's first getattr costs
 * its lazy HEAD (and the probe's one-key LIST); a cached one costs nothing.
 */
class NamespaceListingCostTest {

    private static final int ENTRIES = NamespaceBenchmark.ENTRIES;
    private static InMemoryObjectStore store;

    @BeforeAll
    static void fill() {
        store = LargeDirectory.filledStore(ENTRIES);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void listing100kEntriesIsOneListPerThousandAndNoHead() {
        Path staging = LargeDirectory.stagingDir();
        try (FileSystem fs = LargeDirectory.openEngine(store, staging)) {
            long dir = await(fs.lookup(FileSystem.ROOT, LargeDirectory.DIR)).ino();
            store.resetCounts();

            List<DirEntry> listed = LargeDirectory.listAll(fs, dir);

            assertEquals(ENTRIES, listed.size());
            List<String> expected = new ArrayList<>(ENTRIES);
            for (int i = 0; i < ENTRIES; i++) {
                expected.add(LargeDirectory.name(i));
            }
            assertEquals(expected, listed.stream().map(DirEntry::name).toList());
            assertEquals(InodeAttr.S_IFREG, listed.get(ENTRIES - 1).type());
            assertEquals((ENTRIES + 999) / 1000, store.requestCount(Verb.LIST), "LIST requests");
            assertEquals(0, store.requestCount(Verb.HEAD), "HEAD requests");
            assertEquals((ENTRIES + 999) / 1000, store.totalRequestCount(), "requests of any kind");
            store.assertClean();
        } finally {
            LargeDirectory.deleteStaging(staging);
        }
    }

    @Test
    void aListedEntryCostsOneLazyHeadThenNothing() {
        Path staging = LargeDirectory.stagingDir();
        try (FileSystem fs = LargeDirectory.openEngine(store, staging)) {
            long dir = await(fs.lookup(FileSystem.ROOT, LargeDirectory.DIR)).ino();
            long ino = LargeDirectory.listAll(fs, dir).get(4242).ino();
            store.resetCounts();

            InodeAttr first = await(fs.getattr(ino));
            assertEquals(1, store.requestCount(Verb.HEAD), "the lazy HEAD for mode and owner");
            assertEquals(2, store.totalRequestCount(), "HEAD + the probe's one-key LIST");
            assertEquals(InodeAttr.S_IFREG | 0640, first.mode(), "a plain object without headers");

            store.resetCounts();
            assertEquals(first, await(fs.getattr(ino)));
            assertEquals(ino, await(fs.lookup(dir, LargeDirectory.name(4242))).ino());
            assertEquals(0, store.totalRequestCount(), "cached getattr and warm lookup");
        } finally {
            LargeDirectory.deleteStaging(staging);
        }
    }
}
