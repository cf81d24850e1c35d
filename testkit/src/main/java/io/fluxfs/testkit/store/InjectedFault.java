package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.StoreException.Verb;
import java.util.Random;

/**
 * A {@link FaultRule} active in one {@link FaultInjectingObjectStore}: it counts the calls it matched
 * and hit, and can be removed at any time. Thread-safe.
 */
public final class InjectedFault {

    private final FaultRule rule;
    private final Random random;
    private final FaultInjectingObjectStore owner;
    private long matched;
    private long fired;

    InjectedFault(FaultRule rule, long seed, FaultInjectingObjectStore owner) {
        this.rule = rule;
        this.random = new Random(seed);
        this.owner = owner;
    }

    public FaultRule rule() {
        return rule;
    }

    /** Calls the rule's action has hit so far. */
    public synchronized long fired() {
        return fired;
    }

    /** Calls that matched the rule's verbs and key prefix so far, hit or not. */
    public synchronized long matched() {
        return matched;
    }

    /** Stops the rule; calls already hit keep their fate (a hung call stays hung). */
    public void remove() {
        owner.remove(this);
    }

    /** Counts the call if it matches and says whether the action hits it. */
    synchronized boolean hits(Verb verb, String key) {
        if (!rule.matches(verb, key)) {
            return false;
        }
        matched++;
        FaultRule.Trigger t = rule.trigger();
        boolean hit;
        if (t instanceof FaultRule.Nth n) {
            hit = matched == n.n();
        } else if (t instanceof FaultRule.FirstN f) {
            hit = matched <= f.n();
        } else if (t instanceof FaultRule.Randomly r) {
            hit = random.nextDouble() < r.probability();
        } else {
            hit = true;
        }
        if (hit) {
            fired++;
        }
        return hit;
    }

    @Override
    public String toString() {
        return "InjectedFault[" + rule + ", fired " + fired() + "]";
    }
}
