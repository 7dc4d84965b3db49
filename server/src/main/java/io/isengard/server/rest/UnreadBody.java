package io.isengard.server.rest;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A request answered before its body was read (a refusal, a 404, an error
 * found in the first bytes). Orthanc reads every body before it answers, so
 * its clients may send the next request on the same connection; Jetty,
 * finding unread bytes after the answer, closes the connection instead,
 * after a "Connection: keep-alive" that the client believed. So, before such
 * an answer: a small body is read to its end and thrown away, and the
 * connection stays usable; a larger one is not waited for, and the answer
 * says "Connection: close".
 */
final class UnreadBody {
    /** The most that is read and thrown away before an answer: a JSON body, a small upload. */
    static final int DRAIN_LIMIT = 64 * 1024;

    private UnreadBody() {}

    static void settle(HttpServletRequest request, HttpServletResponse response) {
        if (request instanceof InProcessRequest || !hasBody(request)) {
            return;
        }
        try {
            ServletInputStream in = request.getInputStream();
            if (in.isFinished()) {
                return;
            }
            if (request.getContentLengthLong() <= DRAIN_LIMIT) { // -1: chunked, drained up to the limit
                byte[] buffer = new byte[8192];
                for (long read = 0; read <= DRAIN_LIMIT; ) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return;
                    }
                    read += n;
                }
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the body was read as text: the connection ends with this answer
        }
        response.setHeader("Connection", "close");
        response.setHeader("Keep-Alive", null);
    }

    private static boolean hasBody(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        return length > 0 || (length < 0 && request.getHeader("Transfer-Encoding") != null);
    }
}
