package io.fluxfs.engine.core;

import io.fluxfs.engine.fs.Created;
import io.fluxfs.engine.fs.FileSystem;
import io.fluxfs.engine.fs.OpenFlags;
import io.fluxfs.engine.fs.SetAttr;
import io.fluxfs.engine.store.StoreException.Verb;
import io.fluxfs.testkit.store.FaultInjectingObjectStore;
import io.fluxfs.testkit.store.FaultRule;
import io.fluxfs.testkit.store.InMemoryObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static io.fluxfs.engine.core.EngineFixture.ME;
import static io.fluxfs.engine.core.EngineFixture.join;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * FUSE sends release after close(2) has returned, so a change by path (utimensat after cp, as
 * touch or rsync do) can arrive while the last release's upload is in flight. The change must still
 * reach the store, even when no handle is ever opened again.
 */
class ReleaseRaceTest {
    @TempDir
    Path staging;

    @Test
    void aChangeThatRacesTheLastReleaseStillReachesTheStore() {
        InMemoryObjectStore mem = InMemoryObjectStore.create();
        FaultInjectingObjectStore slow = FaultInjectingObjectStore.wrap(mem, 1);
        slow.inject(FaultRule.on(Verb.PUT).always().delay(Duration.ofMillis(500)));
        EngineFixture fx = new EngineFixture(slow, staging);
        Created c = join(fx.paths.create("/f", 0644, OpenFlags.WRITE_ONLY, ME));
        join(fx.fs.write(FileSystem.BY_HANDLE, c.handle(), 0, ByteBuffer.wrap(new byte[] {1, 2, 3})));
        CompletableFuture<Void> release = fx.fs.release(FileSystem.BY_HANDLE, c.handle());
        // while the release's PUT is delayed: a metadata change by path
        join(fx.paths.setattr("/f", SetAttr.times(null, 1_234_000_000_000_000_000L), FileSystem.NO_HANDLE, ME));
        join(release);
        fx.close();
        assertEquals("1234000000", mem.snapshot().get("f").meta().userMetadata().get("mtime"),
                "the mtime set during the release's upload is in the store after unmount");
        mem.assertClean();
        mem.close();
    }
}
