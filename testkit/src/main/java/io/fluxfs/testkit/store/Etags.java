package io.fluxfs.testkit.store;

import io.fluxfs.engine.store.ETag;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** S3's ETags: MD5 hex of the content for a single PUT; MD5 of the parts' raw MD5s plus "-N" for multipart. */
final class Etags {

    private Etags() {
    }

    static byte[] md5(Blob blob) {
        MessageDigest md = newMd5();
        blob.digestInto(md);
        return md.digest();
    }

    static ETag single(byte[] md5) {
        return new ETag(HexFormat.of().formatHex(md5));
    }

    static ETag multipart(List<byte[]> partMd5s) {
        MessageDigest md = newMd5();
        partMd5s.forEach(md::update);
        return new ETag(HexFormat.of().formatHex(md.digest()) + "-" + partMd5s.size());
    }

    /** The raw MD5 if the ETag is a plain content MD5, else null. */
    static byte[] md5Of(ETag etag) {
        String v = etag.value();
        if (v.length() != 32) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has MD5", e);
        }
    }
}
