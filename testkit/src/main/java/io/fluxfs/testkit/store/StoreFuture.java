package io.fluxfs.testkit.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A future that refuses to be waited on from a store I/O thread while it is still pending: that
 * wait would stall (or deadlock) the thread that has to complete it. The refusal throws
 * {@link IllegalStateException} and is reported to the owner, so a test can fail on it even when the
 * exception is swallowed. Dependent stages ({@code thenApply}, ...) are store futures too.
 */
final class StoreFuture<T> extends CompletableFuture<T> {

    private final Consumer<String> onBlocking;

    StoreFuture(Consumer<String> onBlocking) {
        this.onBlocking = onBlocking;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new StoreFuture<>(onBlocking);
    }

    @Override
    public T join() {
        refuseBlocking("join()");
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        refuseBlocking("get()");
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        refuseBlocking("get(timeout)");
        return super.get(timeout, unit);
    }

    private void refuseBlocking(String how) {
        if (!isDone() && StoreThreads.isStoreThread()) {
            String what = how + " on a pending store future in store I/O thread " + Thread.currentThread().getName();
            onBlocking.accept(what);
            throw new IllegalStateException(what + ": continuations must not block; hop to an engine scheduler");
        }
    }
}
