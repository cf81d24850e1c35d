package io.fluxfs.engine.model;

import io.fluxfs.testkit.model.Op;
import io.fluxfs.testkit.store.InMemoryObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The smallest op sequences that showed an engine bug in a model run, one test each, named after the
 * behaviour. Each replays through the same loop as the random runs: engine and model side by side, the
 * whole state compared after every op.
 */
class ModelFindingsTest {
    @TempDir
    Path staging;
    private final InMemoryObjectStore store = InMemoryObjectStore.create();

    @AfterEach
    void clean() {
        store.assertClean();
        store.close();
    }

    private void replay(Op... ops) {
        ModelRun.replay(store, staging, ops);
    }

    /** Seeds 1, 3, 5: open(O_TRUNC) of an existing file must mark mtime for update (POSIX open(2)). */
    @Test
    void openWithOTruncUpdatesMtime() {
        replay(new Op.CreateWrite("/f", 10, 1, 0644, 022, false),
                new Op.CreateWrite("/f", 0, 2, 0644, 022, false));
    }

    /**
     * Seeds 10 and 17: another client rewrites a file's headers but not its bytes (here: both empty; also what
     * another s3fs mount's chmod does, a self-copy that keeps the ETag). After the TTL, readdir saw the same
     * ETag and marked the stale cached attributes fresh again, so the new mode was never fetched.
     */
    @Test
    void headersChangedByAnotherClientAreSeenAfterTheTtlEvenWhenTheBytesAreTheSame() {
        replay(new Op.CreateWrite("/f", 0, 1, 0644, 022, false),
                new Op.OtherPut("/f", 0, 2, 0600, 1_000_000_000_123L));
    }
}
