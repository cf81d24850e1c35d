package io.fluxfs.engine.model;

import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.testkit.model.Op;
import io.fluxfs.testkit.model.Outcome;
import io.fluxfs.testkit.model.ReferenceModel;
import io.fluxfs.testkit.model.VisibleNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One seeded run: random ops applied to the engine and to the {@link ReferenceModel}, the outcomes compared
 * after every step and the whole visible state every {@code checkEvery} steps (and after every step another
 * client took, every remount, and at the end). A mismatch fails with the seed, the step and the last ops.
 *
 * <p>Replay a failure with {@code -Dfluxfs.model.seed=S -Dfluxfs.model.steps=N}.
 */
final class ModelRun {
    static final Duration TTL = Duration.ofSeconds(5);
    private static final int TRACE = 20;
    /** Files above this are read back only at the full checks every {@code 10 * checkEvery} steps and at the end. */
    private static final long READ_ALWAYS = 2L << 20;

    /**
     * @param checkEvery compare the whole visible state every this many steps
     * @param bigFiles   files above 16 MiB the run may create
     * @param dirXattrRemoval whether removexattr aims at directories too (off on S3Proxy, see
     *                   {@code ModelFindingsOnEmbeddedS3Test.removedDirectoryXattrStaysRemovedAfterRemount})
     */
    record Settings(long seed, int steps, int checkEvery, int bigFiles, boolean dirXattrRemoval) {
        /** Overridden from the command line: {@code -Dfluxfs.model.seed=S -Dfluxfs.model.steps=N}. */
        Settings fromSystemProperties() {
            long s = Long.getLong("fluxfs.model.seed", seed);
            int n = Integer.getInteger("fluxfs.model.steps", steps);
            return new Settings(s, n, checkEvery, bigFiles, dirXattrRemoval);
        }
    }

    private final Settings settings;
    private final ReferenceModel model = new ReferenceModel(EngineDriver.DEFAULTS);
    private final OpGenerator gen;
    private final Iterator<Op> fixed;
    private final ManualClock clock;
    private final EngineDriver engine;
    private final Deque<String> trace = new ArrayDeque<>();
    /** Per op kind: how many ran, how many succeeded; printed at the end so coverage can be seen. */
    private final SortedMap<String, int[]> counts = new TreeMap<>();
    private long bigFiles;
    private int step;

    ModelRun(ObjectStore store, Path staging, Settings settings) {
        this(store, staging, settings, null);
    }

    private ModelRun(ObjectStore store, Path staging, Settings settings, List<Op> ops) {
        this.settings = settings;
        this.gen = new OpGenerator(settings.seed(), settings.bigFiles(), settings.dirXattrRemoval());
        this.fixed = ops == null ? null : ops.iterator();
        // 2024-01-01T00:00:00Z plus a seeded fraction: every time the engine stamps is known to the model.
        this.clock = new ManualClock(1_704_067_200_000_000_000L + Math.floorMod(settings.seed(), 1_000_000_000L));
        this.engine = new EngineDriver(store, staging, TTL, clock);
    }

    /** Runs the given ops (a minimal case), comparing the whole state after every one. */
    static void replay(ObjectStore store, Path staging, Op... ops) {
        new ModelRun(store, staging, new Settings(0, ops.length, 1, 0, true), List.of(ops)).run();
    }

    /** Runs every step; throws an AssertionError describing the first mismatch. */
    void run() {
        try {
            for (step = 1; step <= settings.steps(); step++) {
                Op op = fixed != null ? fixed.next() : gen.next(model);
                clock.advance(gen.nextClockStep());
                Outcome expected = model.apply(op, clock.nanos());
                Outcome actual = engineApply(op);
                record(op, expected, actual);
                count(op, expected);
                if (!expected.equals(actual)) {
                    fail("outcome: model says " + expected + ", engine says " + actual);
                }
                boolean settle = model.takeSettle() || op.outOfBand();
                if (settle) {
                    engine.expire();
                }
                boolean full = step % (settings.checkEvery() * 10) == 0 || step == settings.steps();
                if (full || settle || step % settings.checkEvery() == 0) {
                    compareState(full ? Long.MAX_VALUE : READ_ALWAYS);
                }
            }
            if (fixed == null) {
                System.out.println("model run seed " + settings.seed() + ": " + settings.steps() + " steps, "
                        + bigFiles + " files over 16 MiB; ran/succeeded " + summary());
            }
        } finally {
            engine.close();
        }
    }

    private Outcome engineApply(Op op) {
        try {
            return engine.apply(op);
        } catch (AssertionError | RuntimeException e) {
            throw failure("the engine threw " + e, e);
        }
    }

    private void compareState(long readAbove) {
        SortedMap<String, VisibleNode> seen;
        try {
            seen = engine.observe(readAbove);
        } catch (EngineDriver.ObserveFailure | AssertionError e) {
            throw failure("reading the state back: " + e.getMessage(), e);
        }
        List<String> diff = VisibleNode.diff(model.visible(), seen);
        if (!diff.isEmpty()) {
            fail("state differs:\n    " + String.join("\n    ", diff));
        }
    }

    private void count(Op op, Outcome outcome) {
        int[] c = counts.computeIfAbsent(op.getClass().getSimpleName(), k -> new int[2]);
        c[0]++;
        c[1] += outcome.failed() ? 0 : 1;
        if (!outcome.failed() && (op instanceof Op.CreateWrite w && w.size() > (16 << 20)
                || op instanceof Op.OtherPut p && p.size() > (16 << 20))) {
            bigFiles++;
        }
    }

    private String summary() {
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v[0])
                .append('/').append(v[1]));
        return sb.toString();
    }

    private void record(Op op, Outcome expected, Outcome actual) {
        trace.addLast(String.format("#%d %s -> model %s, engine %s", step, op, expected, actual));
        if (trace.size() > TRACE) {
            trace.removeFirst();
        }
    }

    private void fail(String what) {
        throw failure(what, null);
    }

    private AssertionError failure(String what, Throwable cause) {
        String msg = "model mismatch at step " + step + (fixed != null ? " of a fixed sequence" : " of seed "
                + settings.seed()) + ": " + what
                + (fixed != null ? "" : "\n  replay: -Dfluxfs.model.seed=" + settings.seed()
                + " -Dfluxfs.model.steps=" + step)
                + "\n  last ops:\n    " + String.join("\n    ", trace)
                + "\n  model after the step:\n" + model.describe();
        return new AssertionError(msg, cause);
    }
}
