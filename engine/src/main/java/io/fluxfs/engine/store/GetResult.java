package io.fluxfs.engine.store;

import java.nio.ByteBuffer;

/**
 * A GET's answer: the object's metadata and the requested bytes (position 0, limit = bytes read).
 *
 * @param objectSize the whole object's size, whatever range was asked for
 */
public record GetResult(ObjectMeta meta, ByteBuffer data, long objectSize) {
}
