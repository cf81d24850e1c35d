package io.fluxfs.engine.model;

import io.fluxfs.testkit.store.InMemoryObjectStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

/**
 * Random op sequences on the engine over the strict in-memory store, against the reference model, the
 * whole visible state compared after every step. Several seeds, a few thousand steps in all; replay or
 * run longer with {@code -Dfluxfs.model.seed=S -Dfluxfs.model.steps=N}.
 */
class ModelOnInMemoryStoreTest {
    static final int STEPS = 600;

    static List<Long> seeds() {
        Long one = Long.getLong("fluxfs.model.seed");
        return one != null ? List.of(one) : List.of(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void engineBehavesLikeTheModel(long seed, @TempDir Path staging) {
        InMemoryObjectStore store = InMemoryObjectStore.create();
        try {
            new ModelRun(store, staging, new ModelRun.Settings(seed, STEPS, 1, 1, true).fromSystemProperties()).run();
            store.assertClean();
        } finally {
            store.close();
        }
    }
}
