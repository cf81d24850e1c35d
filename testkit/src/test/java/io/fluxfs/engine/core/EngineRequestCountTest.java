package io.fluxfs.engine.core;

import io.fluxfs.engine.fs.Created;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.OpenFlags;
import io.fluxfs.engine.fs.SetAttr;
import io.fluxfs.engine.store.StoreException.Verb;
import io.fluxfs.testkit.store.InMemoryObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.fluxfs.engine.core.EngineFixture.ME;
import static io.fluxfs.engine.core.EngineFixture.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each operation costs in requests, counted by the in-memory store. These are the claims that
 * make fluxfs cheap on S3: a listing HEADs nothing, a known directory answers lookups itself, a
 * metadata change on an open file rides along with its upload.
 */
class EngineRequestCountTest {
    @TempDir
    Path staging;
    final InMemoryObjectStore store = InMemoryObjectStore.create();
    EngineFixture fx;

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
        store.assertClean();
        store.close();
    }

    private void fill(String dir, int n) {
        for (int i = 0; i < n; i++) {
            store.putDirect(String.format("%s/f%05d", dir, i), new byte[] {1});
        }
    }

    @Test
    void listingThousandsOfEntriesIssuesNoHeadPerEntry() {
        fill("big", 2500);
        fx = new EngineFixture(store, staging);
        store.resetCounts();
        List<String> names = fx.list("/big");
        assertEquals(2500, names.size());
        // the directory's own lookup is one probe (HEAD + 1-key LIST), then three pages of 1000
        assertEquals(1, store.requestCount(Verb.HEAD), "one HEAD for the directory, none per listed entry");
        assertEquals(1 + 3, store.requestCount(Verb.LIST));
        store.resetCounts();
        assertEquals(1, fx.stat("/big/f00007").size());
        assertEquals(1, store.requestCount(Verb.HEAD), "mode and owner come from one lazy HEAD");
        assertEquals(0, store.requestCount(Verb.LIST));
    }

    @Test
    void namesInAFreshlyListedDirectoryNeedNoProbe() {
        fx = new EngineFixture(store, staging);
        join(fx.paths.mkdir("/new", 0755, ME));
        store.resetCounts();
        for (int i = 0; i < 20; i++) {
            fx.write("/new/f" + i, new byte[] {(byte) i});
        }
        assertEquals(20, store.requestCount(Verb.PUT), "one PUT per small file");
        assertEquals(0, store.requestCount(Verb.HEAD), "the new directory is known to be empty");
        assertEquals(0, store.requestCount(Verb.LIST));
    }

    @Test
    void metadataChangesOnAnOpenFileRideAlongWithItsUpload() {
        fx = new EngineFixture(store, staging);
        store.resetCounts();
        Created c = join(fx.paths.create("/scp.bin", 0644, OpenFlags.WRITE_ONLY, ME));
        join(fx.fs.write(FileSystem.BY_HANDLE, c.handle(), 0, ByteBuffer.wrap(new byte[1000])));
        join(fx.fs.setattr(FileSystem.BY_HANDLE, SetAttr.truncate(500), c.handle(), ME));
        join(fx.fs.setattr(FileSystem.BY_HANDLE, SetAttr.chmod(0600), c.handle(), ME));
        join(fx.fs.setattr(FileSystem.BY_HANDLE, SetAttr.times(1L, 2L), c.handle(), ME));
        join(fx.fs.flush(FileSystem.BY_HANDLE, c.handle()));
        join(fx.fs.release(FileSystem.BY_HANDLE, c.handle()));
        assertEquals(1, store.requestCount(Verb.PUT));
        assertEquals(0, store.requestCount(Verb.COPY));
        assertEquals("33152", store.snapshot().get("scp.bin").meta().userMetadata().get("mode"));
    }

    @Test
    void chmodOfAClosedFileIsOneSelfCopy() {
        fx = new EngineFixture(store, staging);
        fx.write("/f", new byte[] {1});
        store.resetCounts();
        join(fx.paths.setattr("/f", SetAttr.chmod(0600), FileSystem.NO_HANDLE, ME));
        assertEquals(1, store.requestCount(Verb.COPY));
        assertEquals(0, store.requestCount(Verb.PUT));
    }

    @Test
    void sequentialSmallReadsShareOneRangedGet() {
        fx = new EngineFixture(store, staging);
        fx.write("/r", new byte[512 * 1024]);
        fx.remount();
        long h = join(fx.paths.open("/r", OpenFlags.READ_ONLY));
        store.resetCounts();
        for (int off = 0; off < 512 * 1024; off += 4096) {
            assertEquals(4096, join(fx.fs.read(FileSystem.BY_HANDLE, h, off, 4096)).remaining());
        }
        assertEquals(1, store.requestCount(Verb.GET), "the first read fetched a whole read chunk");
        join(fx.fs.release(FileSystem.BY_HANDLE, h));
    }

    @Test
    void inodeTableStaysWithinItsBound() {
        fill("huge", 3000);
        fx = new EngineFixture(store, staging, Duration.ofSeconds(5), "", 1000);
        assertEquals(3000, fx.list("/huge").size(), "eviction never loses a listing entry");
        int held = ((FluxFileSystem) fx.fs).inodeCount();
        assertTrue(held <= 1000, "the table holds " + held + " inodes, over its bound of 1000");
        assertEquals(1, fx.stat("/huge/f00001").size(), "an evicted name is found again");
    }

    @Test
    void statusShowsDirtyBytesUntilTheUploadAndCountsRequests() {
        fx = new EngineFixture(store, staging);
        Created c = join(fx.paths.create("/d", 0644, OpenFlags.WRITE_ONLY, ME));
        join(fx.fs.write(FileSystem.BY_HANDLE, c.handle(), 0, ByteBuffer.wrap(new byte[10])));
        Map<String, Long> before = fx.fs.status();
        assertEquals(1L, before.get("engine.dirty_files"));
        assertEquals(10L, before.get("engine.dirty_bytes"));
        join(fx.fs.release(FileSystem.BY_HANDLE, c.handle()));
        Map<String, Long> after = fx.fs.status();
        assertEquals(0L, after.get("engine.dirty_bytes"));
        assertEquals(1L, after.get("s3.put.requests"));
        assertTrue(after.get("s3.put.p99_us") > 0);
    }
}
