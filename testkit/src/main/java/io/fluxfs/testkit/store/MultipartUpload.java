package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.CompletedPart;
import io.fluxfs.engine.store.ETag;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.engine.store.PendingUpload;
import io.fluxfs.engine.store.StoreException.Kind;
import io.fluxfs.engine.store.StoreException.Verb;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One multipart upload in the in-memory store. Its methods are synchronized: parts may arrive
 * concurrently, and a Complete or Abort closes the upload atomically. A Complete that S3 would refuse
 * leaves the upload open, as S3 does, so the caller can retry or abort it.
 */
final class MultipartUpload {

    /** A part as uploaded: its bytes, the ETag returned for it and that ETag's raw MD5. */
    record Part(Blob content, ETag etag, byte[] md5) {
    }

    private final String key;
    private final String uploadId;
    private final Instant initiated;
    private final String contentType;
    private final Map<String, String> userMetadata;
    private final Map<Integer, Part> parts = new TreeMap<>();
    private boolean open = true;

    MultipartUpload(String key, String uploadId, Instant initiated, String contentType, Map<String, String> userMetadata) {
        this.key = key;
        this.uploadId = uploadId;
        this.initiated = initiated;
        this.contentType = contentType;
        this.userMetadata = userMetadata;
    }

    PendingUpload pending() {
        return new PendingUpload(key, uploadId, initiated);
    }

    String key() {
        return key;
    }

    synchronized void putPart(Verb verb, int partNumber, Part part) {
        checkOpen(verb);
        parts.put(partNumber, part);
    }

    /** Validates the list as S3 does, closes the upload and returns the object to store. */
    synchronized StoredObject complete(List<CompletedPart> requested, Instant now) {
        Verb verb = Verb.COMPLETE_MULTIPART;
        checkOpen(verb);
        if (requested == null || requested.isEmpty()) {
            throw refuse("MalformedXML: no parts");
        }
        if (requested.size() > ObjectStore.MAX_PARTS) {
            throw refuse("InvalidArgument: " + requested.size() + " parts > " + ObjectStore.MAX_PARTS);
        }
        List<Blob> contents = new ArrayList<>(requested.size());
        List<byte[]> md5s = new ArrayList<>(requested.size());
        int previous = 0;
        for (int i = 0; i < requested.size(); i++) {
            CompletedPart want = requested.get(i);
            if (want.partNumber() <= previous) {
                throw refuse("InvalidPartOrder: part " + want.partNumber() + " follows part " + previous);
            }
            previous = want.partNumber();
            Part have = parts.get(want.partNumber());
            if (have == null || !have.etag().equals(want.etag())) {
                throw refuse("InvalidPart: part " + want.partNumber() + " with ETag " + want.etag() + " was not uploaded");
            }
            boolean last = i == requested.size() - 1;
            if (!last && have.content().size() < ObjectStore.MIN_PART_SIZE) {
                throw refuse("EntityTooSmall: part " + want.partNumber() + " is " + have.content().size()
                        + " bytes < " + ObjectStore.MIN_PART_SIZE + " and is not the last");
            }
            contents.add(have.content());
            md5s.add(have.md5());
        }
        open = false;
        parts.clear();
        return new StoredObject(Blob.concat(contents), Etags.multipart(md5s), now, contentType, userMetadata);
    }

    synchronized void abort() {
        checkOpen(Verb.ABORT_MULTIPART);
        open = false;
        parts.clear();
    }

    private void checkOpen(Verb verb) {
        if (!open) {
            throw StoreErrors.of(Kind.NOT_FOUND, verb, key, "NoSuchUpload: " + uploadId);
        }
    }

    private RuntimeException refuse(String message) {
        return StoreErrors.of(Kind.INVALID_REQUEST, Verb.COMPLETE_MULTIPART, key, message);
    }
}
