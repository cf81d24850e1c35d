package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.GetResult;
import io.fluxfs.engine.store.ObjectStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wraps any {@link ObjectStore} with a network's shape, for prefetch and upload benchmarks: a fixed
 * latency per request and a fixed bandwidth that concurrent requests share.
 *
 * <p>Each request waits the latency, plus, for request bodies (PUT, UploadPart), the time its bytes
 * take through the upload bucket; then it goes to the delegate. A GET's answer then waits for its bytes
 * through the download bucket. Uploads and downloads each get the configured rate (a full-duplex
 * link). Server-side work (copies) is not throttled beyond the latency.
 *
 * <p><b>Threads.</b> Waits are scheduled on this wrapper's I/O thread ({@code fluxfs-throttle-N},
 * marked non-blocking); the caller never blocks. Futures complete on that thread, or on the delegate's
 * thread when no wait was due after the delegate answered. {@link #close()} fails the calls still
 * waiting here with TRANSIENT, then closes the delegate.
 */
public final class ThrottledObjectStore extends InterceptingObjectStore {

    private final long latencyNanos;
    private final TokenBucket up;
    private final TokenBucket down;
    private final ScheduledExecutorService scheduler = StoreThreads.newScheduler("fluxfs-throttle", 1);
    private final Map<CompletableFuture<?>, Call<?>> waiting = new ConcurrentHashMap<>();

    private ThrottledObjectStore(Builder b) {
        super(b.delegate);
        this.latencyNanos = b.latency.toNanos();
        this.up = b.bytesPerSecond == 0 ? null : new TokenBucket(b.bytesPerSecond, b.burstBytes, System::nanoTime);
        this.down = b.bytesPerSecond == 0 ? null : new TokenBucket(b.bytesPerSecond, b.burstBytes, System::nanoTime);
    }

    public static Builder wrap(ObjectStore delegate) {
        return new Builder(delegate);
    }

    @Override
    <T> CompletableFuture<T> intercept(Call<T> call) {
        long wait = latencyNanos + (up == null || call.requestBytes() == 0 ? 0 : up.reserve(call.requestBytes()));
        CompletableFuture<T> result = new CompletableFuture<>();
        waiting.put(result, call);
        result.whenComplete((v, e) -> waiting.remove(result));
        later(call, result, wait, () -> call.send().whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(unwrapped(e));
                return;
            }
            long transfer = down != null && v instanceof GetResult g ? down.reserve(g.data().remaining()) : 0;
            if (transfer == 0) {
                result.complete(v);
            } else {
                later(call, result, transfer, () -> result.complete(v));
            }
        }));
        return result;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        for (Map.Entry<CompletableFuture<?>, Call<?>> e : List.copyOf(waiting.entrySet())) {
            e.getKey().completeExceptionally(StoreErrors.noAnswer(e.getValue().verb(), e.getValue().key(), "throttled store closed"));
        }
        super.close();
    }

    private void later(Call<?> call, CompletableFuture<?> result, long nanos, Runnable task) {
        try {
            scheduler.schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(StoreErrors.noAnswer(call.verb(), call.key(), "throttled store closed"));
        }
    }

    /** Configures a {@link ThrottledObjectStore}. Closing it closes the delegate. */
    public static final class Builder {
        private final ObjectStore delegate;
        private Duration latency = Duration.ZERO;
        private long bytesPerSecond;
        private long burstBytes;

        private Builder(ObjectStore delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /** Added to every request before it reaches the store (time to first byte). */
        public Builder latency(Duration latency) {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency " + latency + " is negative");
            }
            this.latency = latency;
            return this;
        }

        /** Bytes per second in each direction, shared by all requests; unlimited if never set. */
        public Builder bandwidth(long bytesPerSecond) {
            if (bytesPerSecond < 1) {
                throw new IllegalArgumentException("bandwidth " + bytesPerSecond + " B/s is not positive");
            }
            this.bytesPerSecond = bytesPerSecond;
            return this;
        }

        /** Bytes that may pass at once after an idle spell (token-bucket depth); 0 by default. */
        public Builder burst(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("burst " + bytes + " bytes is negative");
            }
            this.burstBytes = bytes;
            return this;
        }

        public ThrottledObjectStore build() {
            return new ThrottledObjectStore(this);
        }
    }
}
