package io.fluxfs.fuse.cli;

import java.util.Map;

/**
 * Live counters for {@code fluxfs status}, obtained through {@link FileSystemFactory#statusOf}
 * (the engine cannot implement a fuse interface; the factory adapts its metrics). The expected keys are {@code dirty_bytes}, {@code uploads_queued},
 * {@code uploads_in_flight}, {@code cache_bytes}, {@code cache_limit_bytes}, {@code memory_used_bytes},
 * {@code errors}; more are welcome. Values are numbers or short strings. Called from the control
 * thread at any time: it must not block.
 */
@FunctionalInterface
public interface StatusSource {

    Map<String, Object> status();
}
