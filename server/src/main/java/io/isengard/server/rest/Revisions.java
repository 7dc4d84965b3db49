package io.isengard.server.rest;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.resources.ExpectedRevision;
import java.io.IOException;

/**
 * The revision headers of resources.md §14: If-Match on writes (under
 * "CheckRevisions"), If-None-Match on reads; values are Orthanc's ETags,
 * {@code "<revision>-<md5>"}, quoted or not.
 */
final class Revisions {
    private Revisions() {}

    /** What a PUT or DELETE expects to replace, from its If-Match header and "CheckRevisions". */
    static ExpectedRevision expected(RestCall call, boolean checkRevisions) {
        // Orthanc looks the header up by its lower-case name and says so in its error.
        long[] revision = new long[1];
        String md5 = parse(call, "if-match", revision);
        if (md5 != null) {
            return ExpectedRevision.matching(revision[0], md5);
        }
        return checkRevisions ? ExpectedRevision.NOTHING : ExpectedRevision.ANY;
    }

    /**
     * Sets the ETag of what a GET reads; answers 304 and returns true when
     * If-None-Match names that same revision and MD5.
     */
    static boolean notModified(RestCall call, long revision, String md5) throws IOException {
        call.setHeader("ETag", Md5.etag(revision, md5));
        long[] r = new long[1];
        String m = parse(call, "If-None-Match", r);
        if (m != null && r[0] == revision && m.equals(md5)) {
            call.answerEmpty(304);
            return true;
        }
        return false;
    }

    /** The MD5 of the header (its revision in {@code revision[0]}), null if absent; 400 if malformed. */
    private static String parse(RestCall call, String header, long[] revision) {
        String raw = call.header(header);
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        int dash = value.indexOf('-');
        if (dash >= 0) {
            try {
                revision[0] = Long.parseLong(value.substring(0, dash));
                return value.substring(dash + 1);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new OrthancException(ErrorCode.ParameterOutOfRange, "The \"" + header + "\" HTTP header should "
                + "contain the ETag (revision followed by MD5 hash), but found: " + value);
    }
}
