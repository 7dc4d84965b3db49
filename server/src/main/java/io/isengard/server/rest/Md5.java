package io.isengard.server.rest;

/** Lower-case hex MD5, for ETags. */
final class Md5 {
    private Md5() {}

    static String of(String text) {
        return io.isengard.server.model.Md5.of(text);
    }

    /** Orthanc's ETag: {@code "<revision>-<md5>"}, quotes included. */
    static String etag(long revision, String md5) {
        return "\"" + revision + "-" + md5 + "\"";
    }
}
