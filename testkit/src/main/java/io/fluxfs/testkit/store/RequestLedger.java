package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.StoreException.Verb;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the in-memory store counts for tests: requests per verb, bytes, requests in flight, misuse. */
final class RequestLedger {

    private final Map<Verb, LongAdder> requests = new EnumMap<>(Verb.class);
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, String> inFlight = new ConcurrentHashMap<>();
    private final List<String> blockingViolations = new CopyOnWriteArrayList<>();

    RequestLedger() {
        for (Verb v : Verb.values()) {
            requests.put(v, new LongAdder());
        }
    }

    /** Counts a request and marks it in flight; returns its id for {@link #finished}. */
    long started(Verb verb, String key) {
        requests.get(verb).increment();
        long id = ids.incrementAndGet();
        inFlight.put(id, verb + (key == null ? "" : " " + key));
        return id;
    }

    void finished(long id) {
        inFlight.remove(id);
    }

    void received(long bytes) {
        bytesIn.add(bytes);
    }

    void sent(long bytes) {
        bytesOut.add(bytes);
    }

    void blocked(String what) {
        blockingViolations.add(what);
    }

    long requests(Verb verb) {
        return requests.get(verb).sum();
    }

    long totalRequests() {
        return requests.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long bytesIn() {
        return bytesIn.sum();
    }

    long bytesOut() {
        return bytesOut.sum();
    }

    List<String> inFlight() {
        return List.copyOf(inFlight.values());
    }

    List<String> blockingViolations() {
        return List.copyOf(blockingViolations);
    }

    /** Zeroes the counters; requests in flight and recorded violations stay. */
    void reset() {
        requests.values().forEach(LongAdder::reset);
        bytesIn.reset();
        bytesOut.reset();
    }
}
