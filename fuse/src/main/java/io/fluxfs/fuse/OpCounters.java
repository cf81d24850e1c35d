package io.fluxfs.fuse;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-operation counters of the FUSE adapter: calls, errors (by errno name), timeouts, unexpected
 * failures and callbacks answered with ENOSYS. Cheap on the hot path (one map lookup and a
 * {@link LongAdder} per event); read by {@code fluxfs status}.
 */
public final class OpCounters {

    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    void increment(String key) {
        counters.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    void call(String op) {
        increment("calls." + op);
    }

    void error(String op, String errno) {
        increment("errors." + op + "." + errno);
    }

    void enosys(String op) {
        increment("enosys." + op);
    }

    void timeout(String op) {
        increment("timeouts." + op);
    }

    void unexpected(String op) {
        increment("unexpected." + op);
    }

    /** The value of one counter, 0 if it never moved. */
    public long get(String key) {
        LongAdder a = counters.get(key);
        return a == null ? 0 : a.sum();
    }

    /** All counters, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
