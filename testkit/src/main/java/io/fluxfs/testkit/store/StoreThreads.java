package io.fluxfs.testkit.store;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.scheduler.NonBlocking;

/**
 * The fakes' I/O threads. They are daemon threads marked {@link NonBlocking}, like the CRT event loop
 * should be treated: Reactor's {@code block()} called on one fails at once instead of hanging a test.
 */
final class StoreThreads {

    private StoreThreads() {
    }

    /** A scheduler with {@code threads} I/O threads named {@code name-N}. */
    static ScheduledExecutorService newScheduler(String name, int threads) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, factory(name));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** True on any fake's I/O thread. */
    static boolean isStoreThread() {
        return Thread.currentThread() instanceof StoreThread;
    }

    private static ThreadFactory factory(String name) {
        AtomicInteger seq = new AtomicInteger();
        return r -> {
            Thread t = new StoreThread(r, name + "-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static final class StoreThread extends Thread implements NonBlocking {
        StoreThread(Runnable r, String name) {
            super(r, name);
        }
    }
}
