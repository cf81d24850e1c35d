package io.fluxfs.engine.store;

import java.util.Objects;

/** A part the store accepted, as CompleteMultipartUpload needs it. */
public record CompletedPart(int partNumber, ETag etag) {
    public CompletedPart {
        if (partNumber < 1 || partNumber > ObjectStore.MAX_PARTS) {
            throw new IllegalArgumentException("part number " + partNumber + " is outside 1.." + ObjectStore.MAX_PARTS);
        }
        Objects.requireNonNull(etag, "etag");
    }
}
