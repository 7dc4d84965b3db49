package io.isengard.server.rest;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * "MaximumRequestBodySizeMB" (config.md §3, Orthanc 1.12.11): a body that
 * says it is larger is refused before a byte of it is read; a body of
 * unknown length (chunked) is counted as it streams and refused as soon as
 * it goes past the limit. Nothing is buffered for the check.
 */
final class RequestBodyLimit {
    /** HTTP 413: the status of a refused body. */
    static final int TOO_LARGE = 413;

    private RequestBodyLimit() {}

    /** Refuses a declared Content-Length above {@code maximum} bytes (0: no limit). */
    static void check(long contentLength, long maximum) {
        if (maximum > 0 && contentLength > maximum) {
            throw tooLarge(maximum);
        }
    }

    /** {@code body} failing with a 413 as soon as more than {@code maximum} bytes (0: no limit) were read. */
    static InputStream limit(InputStream body, long maximum) {
        return maximum <= 0 ? body : new Counting(body, maximum);
    }

    private static OrthancException tooLarge(long maximum) {
        return new OrthancException(ErrorCode.BadRequest, "The request body is larger than the "
                + "\"MaximumRequestBodySizeMB\" of the configuration (" + maximum / (1024 * 1024) + " MB)",
                TOO_LARGE, null);
    }

    private static final class Counting extends FilterInputStream {
        private final long maximum;
        private long count;

        Counting(InputStream in, long maximum) {
            super(in);
            this.maximum = maximum;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(n);
            counted(s);
            return s;
        }

        private void counted(long n) {
            count += n;
            if (count > maximum) {
                throw tooLarge(maximum);
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
