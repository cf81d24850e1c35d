package io.fluxfs.engine.store;

import java.time.Instant;
import java.util.List;

/**
 * One page of a listing.
 *
 * @param nextToken {@code null} on the last page
 */
public record ListPage(List<Entry> objects, List<String> commonPrefixes, String nextToken) {
    public ListPage {
        objects = List.copyOf(objects);
        commonPrefixes = List.copyOf(commonPrefixes);
    }

    public boolean isTruncated() {
        return nextToken != null;
    }

    /** An object as a listing shows it: no user metadata, which only HEAD returns. */
    public record Entry(String key, long size, ETag etag, Instant lastModified) {
    }
}
