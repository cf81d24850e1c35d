package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.engine.store.StoreException;
import io.fluxfs.engine.store.StoreException.Kind;
import io.fluxfs.engine.store.StoreException.Verb;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps any {@link ObjectStore} and injects faults by {@link FaultRule}: failures of the n-th or a
 * seeded random fraction of calls, latency, hangs, timeouts, and a network partition. Rules can be
 * injected and removed at any time from any thread.
 *
 * <p><b>Evaluation.</b> While partitioned every call fails {@link Kind#TRANSIENT} (no HTTP answer)
 * without reaching the delegate and without counting toward any rule. Otherwise each call is offered to
 * every rule in injection order (each counts its matches); the delays of all hitting {@code Delay}
 * rules add up, and the first hitting rule with another action decides the call's fate. Randomness
 * comes from one {@link java.util.Random} per rule, seeded from the store's seed and the rule's
 * injection order, so a single-threaded test sees the same faults on every run.
 *
 * <p><b>Threads.</b> Untouched calls return the delegate's future as it is. Delayed, injected and
 * timed-out outcomes complete on this wrapper's own I/O thread ({@code fluxfs-faults-N}, marked
 * non-blocking), never on the caller's; delays are scheduled, never slept. {@link #close()} fails every
 * call it still holds (delayed or hung) with TRANSIENT, then closes the delegate.
 */
public final class FaultInjectingObjectStore extends InterceptingObjectStore {

    private final long seed;
    private final AtomicLong injected = new AtomicLong();
    private final List<InjectedFault> faults = new CopyOnWriteArrayList<>();
    /** Futures this wrapper will complete itself (delayed, injected, hung), with their calls. */
    private final Map<CompletableFuture<?>, Call<?>> held = new ConcurrentHashMap<>();
    private final Map<CompletableFuture<?>, Call<?>> hung = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = StoreThreads.newScheduler("fluxfs-faults", 1);
    private volatile boolean partitioned;

    private FaultInjectingObjectStore(ObjectStore delegate, long seed) {
        super(delegate);
        this.seed = seed;
    }

    /** Wraps {@code delegate}; {@code seed} fixes the random faults. Closing the wrapper closes the delegate. */
    public static FaultInjectingObjectStore wrap(ObjectStore delegate, long seed) {
        return new FaultInjectingObjectStore(delegate, seed);
    }

    /** Activates a rule for calls made from now on. */
    public InjectedFault inject(FaultRule rule) {
        long n = injected.incrementAndGet();
        InjectedFault fault = new InjectedFault(rule, seed + 0x9E3779B97F4A7C15L * n, this);
        faults.add(fault);
        return fault;
    }

    /** Deactivates a rule; calls already hit keep their fate. */
    public void remove(InjectedFault fault) {
        faults.remove(fault);
    }

    public void removeAllFaults() {
        faults.clear();
    }

    /** From now on every call fails TRANSIENT without reaching the store, until {@link #heal()}. */
    public void partition() {
        partitioned = true;
    }

    public void heal() {
        partitioned = false;
    }

    public boolean isPartitioned() {
        return partitioned;
    }

    /** Calls hung by a {@code hang()} rule and not yet released. */
    public int hungCalls() {
        return hung.size();
    }

    /**
     * Fails every hung call with TRANSIENT ("connection reset"), on this wrapper's thread; returns how
     * many calls it released.
     */
    public int releaseHungCalls() {
        List<Map.Entry<CompletableFuture<?>, Call<?>>> released = List.copyOf(hung.entrySet());
        released.forEach(e -> hung.remove(e.getKey()));
        Runnable fail = () -> released.forEach(e -> e.getKey().completeExceptionally(
                StoreErrors.noAnswer(e.getValue().verb(), e.getValue().key(), "connection reset (injected hang)")));
        try {
            scheduler.execute(fail);
        } catch (RejectedExecutionException closed) {
            fail.run();
        }
        return released.size();
    }

    /** Fails the calls still held (delayed or hung) with TRANSIENT, stops the wrapper's thread, closes the delegate. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        for (Map.Entry<CompletableFuture<?>, Call<?>> e : List.copyOf(held.entrySet())) {
            Call<?> call = e.getValue();
            e.getKey().completeExceptionally(StoreErrors.noAnswer(call.verb(), call.key(), "fault-injecting store closed"));
        }
        hung.clear();
        super.close();
    }

    @Override
    <T> CompletableFuture<T> intercept(Call<T> call) {
        if (partitioned) {
            return hold(call, 0, result -> result.completeExceptionally(
                    StoreErrors.noAnswer(call.verb(), call.key(), "network partition (injected)")));
        }
        long delayNanos = 0;
        FaultRule.Action fate = null;
        InjectedFault by = null;
        for (InjectedFault fault : faults) {
            if (fault.hits(call.verb(), call.key())) {
                if (fault.rule().action() instanceof FaultRule.Delay d) {
                    delayNanos = saturatedAdd(delayNanos, d.latency().toNanos());
                } else if (fate == null) {
                    fate = fault.rule().action();
                    by = fault;
                }
            }
        }
        if (fate == null) {
            return delayNanos == 0 ? call.send() : hold(call, delayNanos, result -> pipe(call.send(), result));
        }
        String cause = "injected by " + by;
        if (fate instanceof FaultRule.Fail fail && !fail.afterApplying()) {
            return hold(call, delayNanos, result -> result.completeExceptionally(injected(call, fail.kind(), cause)));
        }
        if (fate instanceof FaultRule.Fail fail) {
            return hold(call, delayNanos, result -> call.send().whenComplete(
                    (v, e) -> result.completeExceptionally(injected(call, fail.kind(), cause + ", after the store applied it"))));
        }
        if (fate instanceof FaultRule.TimeOut t) {
            return hold(call, saturatedAdd(delayNanos, t.after().toNanos()), result -> result.completeExceptionally(
                    StoreErrors.noAnswer(call.verb(), call.key(), "timed out after " + t.after() + " (" + cause + ")")));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        held.put(result, call);
        hung.put(result, call);
        result.whenComplete((v, e) -> {
            held.remove(result);
            hung.remove(result);
        });
        return result;
    }

    /** A future this wrapper completes itself, on its own thread, after {@code delayNanos}. */
    private <T> CompletableFuture<T> hold(Call<T> call, long delayNanos, java.util.function.Consumer<CompletableFuture<T>> outcome) {
        CompletableFuture<T> result = new CompletableFuture<>();
        held.put(result, call);
        result.whenComplete((v, e) -> held.remove(result));
        try {
            scheduler.schedule(() -> outcome.accept(result), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(StoreErrors.noAnswer(call.verb(), call.key(), "fault-injecting store closed"));
        }
        return result;
    }

    private static <T> void pipe(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((v, e) -> {
            if (e == null) {
                to.complete(v);
            } else {
                to.completeExceptionally(unwrapped(e));
            }
        });
    }

    private static StoreException injected(Call<?> call, Kind kind, String cause) {
        return StoreErrors.of(kind, call.verb(), call.key(), cause);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
