package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.ListPage;
import io.fluxfs.engine.store.ListRequest;
import io.fluxfs.engine.store.StoreException.Kind;
import io.fluxfs.engine.store.StoreException.Verb;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;

/**
 * ListObjectsV2 over a map sorted in UTF-8 byte order. Keys and common prefixes both count toward
 * {@code maxKeys}; a page is truncated only if something follows it. The continuation token records
 * the last key or common prefix returned, so paging walks on correctly while other writers insert or
 * delete keys before or after it (the map is concurrent; each step reads it afresh).
 */
final class Listing {

    private Listing() {
    }

    static ListPage page(ConcurrentNavigableMap<String, StoredObject> objects, ListRequest request) {
        String prefix = request.prefix();
        String delimiter = request.delimiter() == null || request.delimiter().isEmpty() ? null : request.delimiter();
        Map.Entry<String, StoredObject> next = first(objects, prefix, Token.decode(request.continuationToken()));
        List<ListPage.Entry> entries = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        Token last = null;
        while (next != null && next.getKey().startsWith(prefix)) {
            if (entries.size() + prefixes.size() == request.maxKeys()) {
                return new ListPage(entries, prefixes, last.encode());
            }
            String key = next.getKey();
            String common = commonPrefix(key, prefix, delimiter);
            if (common == null) {
                entries.add(next.getValue().entry(key));
                last = new Token(key, false);
                next = objects.higherEntry(key);
            } else {
                prefixes.add(common);
                last = new Token(common, true);
                next = after(objects, common);
            }
        }
        return new ListPage(entries, prefixes, null);
    }

    private static Map.Entry<String, StoredObject> first(ConcurrentNavigableMap<String, StoredObject> objects,
                                                         String prefix, Token token) {
        Map.Entry<String, StoredObject> start = objects.ceilingEntry(prefix);
        if (token == null) {
            return start;
        }
        Map.Entry<String, StoredObject> resume = token.isPrefix ? after(objects, token.value) : objects.higherEntry(token.value);
        if (start == null || resume == null) {
            return null;
        }
        return Utf8Order.INSTANCE.compare(start.getKey(), resume.getKey()) >= 0 ? start : resume;
    }

    /** The first entry past every key that starts with {@code prefix}. */
    private static Map.Entry<String, StoredObject> after(ConcurrentNavigableMap<String, StoredObject> objects, String prefix) {
        String successor = Utf8Order.successorOfPrefix(prefix);
        return successor == null ? null : objects.ceilingEntry(successor);
    }

    private static String commonPrefix(String key, String prefix, String delimiter) {
        if (delimiter == null) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    /** Opaque to callers: base64url of a tag byte and the last key or common prefix returned. */
    private record Token(String value, boolean isPrefix) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(((isPrefix ? "P" : "K") + value).getBytes(StandardCharsets.UTF_8));
        }

        static Token decode(String token) {
            if (token == null) {
                return null;
            }
            try {
                String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                if (s.length() > 1 && (s.charAt(0) == 'P' || s.charAt(0) == 'K')) {
                    return new Token(s.substring(1), s.charAt(0) == 'P');
                }
            } catch (IllegalArgumentException e) {
                // fall through to the S3 error
            }
            throw StoreErrors.of(Kind.INVALID_REQUEST, Verb.LIST, null,
                    "InvalidArgument: the continuation token provided is incorrect: " + token);
        }
    }
}
