package io.isengard.server.rest;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;

/**
 * An HTTP Range as Orthanc 1.12.5+ reads it (resources.md §9): {@code bytes=a-b},
 * {@code bytes=a-}, {@code bytes=-b} (non-standard: 0..b inclusive) and {@code bytes=-}.
 */
record ByteRange(long first, long last) {

    /** The range of a header for a body of {@code size} bytes, or null without header. */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (!h.startsWith("bytes=")) {
            throw bad(header);
        }
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf(',') >= 0) {
            throw bad(header);
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            long first = a.isEmpty() ? 0 : Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (first < 0 || last < first || last >= size) {
                throw bad(header);
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            throw bad(header);
        }
    }

    long length() {
        return last - first + 1;
    }

    private static OrthancException bad(String header) {
        return new OrthancException(ErrorCode.BadRange, "Invalid Range header: " + header);
    }
}
