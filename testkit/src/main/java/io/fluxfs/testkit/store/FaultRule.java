package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.StoreException.Kind;
import io.fluxfs.engine.store.StoreException.Verb;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link FaultInjectingObjectStore} does to which calls: calls of {@code verbs} (all verbs if
 * empty) whose key starts with {@code keyPrefix}, when the {@link Trigger} says so, get the
 * {@link Action}. Build one with {@link #on}: {@code FaultRule.on(Verb.PUT).nth(3).fail(Kind.TRANSIENT)}.
 */
public record FaultRule(Set<Verb> verbs, String keyPrefix, Trigger trigger, Action action) {

    public FaultRule {
        verbs = verbs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(verbs));
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(action, "action");
    }

    /** Which of the matching calls (counted from when the rule is injected) the action hits. */
    public sealed interface Trigger permits Always, Nth, FirstN, Randomly {
    }

    /** Every matching call. */
    public record Always() implements Trigger {
    }

    /** Only the n-th matching call (1-based). */
    public record Nth(long n) implements Trigger {
        public Nth {
            if (n < 1) {
                throw new IllegalArgumentException("nth " + n + " is not positive");
            }
        }
    }

    /** The first n matching calls, then none: a fault that retries get past. */
    public record FirstN(long n) implements Trigger {
        public FirstN {
            if (n < 1) {
                throw new IllegalArgumentException("firstN " + n + " is not positive");
            }
        }
    }

    /** Each matching call with this probability, drawn from the store's seeded random source. */
    public record Randomly(double probability) implements Trigger {
        public Randomly {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability " + probability + " is outside 0..1");
            }
        }
    }

    /** What happens to a hit call. */
    public sealed interface Action permits Fail, Delay, Hang, TimeOut {
    }

    /**
     * Fail with {@code kind}. If {@code afterApplying}, the request reaches the store and takes effect,
     * and only the answer is lost (the case that makes retries non-idempotent).
     */
    public record Fail(Kind kind, boolean afterApplying) implements Action {
        public Fail {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Forward after this latency. Delays of several matching rules add up; they combine with one failure. */
    public record Delay(Duration latency) implements Action {
        public Delay {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency " + latency + " is negative");
            }
        }
    }

    /** Never answer (the request does not reach the store) until the store releases hung calls or closes. */
    public record Hang() implements Action {
    }

    /** Answer nothing for {@code after}, then fail TRANSIENT as a client timeout would; not applied. */
    public record TimeOut(Duration after) implements Action {
        public TimeOut {
            if (after.isNegative()) {
                throw new IllegalArgumentException("timeout " + after + " is negative");
            }
        }
    }

    /** Rules for calls of these verbs; none means every verb. */
    public static Builder on(Verb... verbs) {
        return new Builder(verbs.length == 0 ? Set.of() : EnumSet.of(verbs[0], verbs));
    }

    /** Builds a rule: optionally narrow by key prefix and pick a trigger (default: always), then the action. */
    public static final class Builder {
        private final Set<Verb> verbs;
        private String keyPrefix = "";
        private Trigger trigger = new Always();

        private Builder(Set<Verb> verbs) {
            this.verbs = verbs;
        }

        /** Only calls whose key starts with this; bucket-level calls have no key and never match a non-empty prefix. */
        public Builder keyPrefix(String prefix) {
            this.keyPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        public Builder always() {
            this.trigger = new Always();
            return this;
        }

        public Builder nth(long n) {
            this.trigger = new Nth(n);
            return this;
        }

        public Builder firstN(long n) {
            this.trigger = new FirstN(n);
            return this;
        }

        public Builder randomly(double probability) {
            this.trigger = new Randomly(probability);
            return this;
        }

        public FaultRule fail(Kind kind) {
            return build(new Fail(kind, false));
        }

        public FaultRule failAfterApplying(Kind kind) {
            return build(new Fail(kind, true));
        }

        public FaultRule delay(Duration latency) {
            return build(new Delay(latency));
        }

        public FaultRule hang() {
            return build(new Hang());
        }

        public FaultRule timeOutAfter(Duration after) {
            return build(new TimeOut(after));
        }

        private FaultRule build(Action action) {
            return new FaultRule(verbs, keyPrefix, trigger, action);
        }
    }

    boolean matches(Verb verb, String key) {
        return (verbs.isEmpty() || verbs.contains(verb))
                && (keyPrefix.isEmpty() || (key != null && key.startsWith(keyPrefix)));
    }
}
