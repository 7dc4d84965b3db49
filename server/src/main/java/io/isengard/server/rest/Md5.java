package io.isengard.server.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lower-case hex MD5, for ETags. */
final class Md5 {
    private Md5() {}

    static String of(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /** Orthanc's ETag: {@code "<revision>-<md5>"}, quotes included. */
    static String etag(long revision, String md5) {
        return "\"" + revision + "-" + md5 + "\"";
    }
}
