package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.ListPage;
import io.fluxfs.engine.store.ObjectMeta;
import java.time.Instant;
import java.util.Map;

/** One object version held by the in-memory store. Immutable; replaced as a whole on every write. */
record StoredObject(Blob content, ETag etag, Instant lastModified, String contentType, Map<String, String> userMetadata) {

    ObjectMeta meta(String key) {
        return new ObjectMeta(key, content.size(), etag, lastModified, contentType, userMetadata);
    }

    ListPage.Entry entry(String key) {
        return new ListPage.Entry(key, content.size(), etag, lastModified);
    }
}
