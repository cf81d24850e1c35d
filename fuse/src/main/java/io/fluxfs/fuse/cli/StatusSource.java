package io.fluxfs.fuse.cli;

import java.util.Map;

/**
 * Live counters for {@code fluxfs status}. The engine's {@code FileSystem} implements it to show
 * its state; the expected keys are {@code dirty_bytes}, {@code uploads_queued},
 * {@code uploads_in_flight}, {@code cache_bytes}, {@code cache_limit_bytes}, {@code memory_used_bytes},
 * {@code errors}; more are welcome. Values are numbers or short strings. Called from the control
 * thread at any time: it must not block.
 */
@FunctionalInterface
public interface StatusSource {

    Map<String, Object> status();
}
