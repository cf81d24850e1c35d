package io.fluxfs.bench;

import io.fluxfs.engine.store.GetResult;
import io.fluxfs.engine.store.ObjectStore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A store whose GETs take a fixed latency per request plus their share of one fixed bandwidth (a
 * virtual link: bytes are sent one request after another at {@code bytesPerSecond}; a request's bytes
 * cannot arrive before its latency has passed). Completions are scheduled, never slept. Other verbs pass
 * through. (testkit's ThrottledObjectStore on the fakes branch does the same for every verb; this one is
 * here until that lands.)
 */
final class ThrottledGets {
    private ThrottledGets() {
    }

    static ObjectStore wrap(ObjectStore s, long latencyNanos, double bytesPerSecond, ScheduledExecutorService timer) {
        long[] linkFreeAt = {System.nanoTime()};
        return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class},
                (proxy, m, args) -> {
                    Object r;
                    try {
                        r = m.invoke(s, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (!m.getName().equals("get")) {
                        return r;
                    }
                    long start = System.nanoTime();
                    @SuppressWarnings("unchecked")
                    CompletableFuture<GetResult> f = (CompletableFuture<GetResult>) r;
                    CompletableFuture<GetResult> out = new CompletableFuture<>();
                    f.whenComplete((g, e) -> {
                        if (e != null) {
                            out.completeExceptionally(e);
                            return;
                        }
                        long bytesNanos = (long) (g.data().remaining() / bytesPerSecond * 1e9);
                        long done;
                        synchronized (linkFreeAt) {
                            long sendFrom = Math.max(linkFreeAt[0], start + latencyNanos - bytesNanos);
                            linkFreeAt[0] = Math.max(sendFrom, System.nanoTime()) + bytesNanos;
                            done = Math.max(linkFreeAt[0], start + latencyNanos);
                        }
                        timer.schedule(() -> out.complete(g), Math.max(0, done - System.nanoTime()), TimeUnit.NANOSECONDS);
                    });
                    return out;
                });
    }
}
