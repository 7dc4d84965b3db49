package io.isengard.server.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Streams the parts of a multipart/form-data body (RFC 7578) one after the
 * other, each as an InputStream that ends at the next boundary, so that an
 * uploaded file is never held in memory.
 */
final class MultipartReader {
    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private boolean finished;
    private PartStream current;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The boundary parameter of a multipart Content-Type (lenient about spaces and quotes), or null. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).strip().startsWith("multipart/form-data")) {
            return null;
        }
        for (String p : contentType.split(";")) {
            String[] kv = p.split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("boundary")) {
                String b = kv[1].strip();
                return b.startsWith("\"") && b.endsWith("\"") && b.length() >= 2 ? b.substring(1, b.length() - 1) : b;
            }
        }
        return null;
    }

    /** A part: its headers (lower-case names) and its content. */
    record Part(Map<String, String> headers, InputStream content) {}

    /** The next part, or null after the closing boundary. */
    Part next() throws IOException {
        if (current == null) {
            // The body starts with "--boundary" (no CRLF before the first one).
            skipPreamble();
        } else {
            current.transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (finished) {
            return null;
        }
        // After a boundary: "--" ends the body, else CRLF then headers.
        fill(2);
        if (limit - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        skipLine();
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while (!(line = readLine()).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        current = new PartStream();
        return new Part(headers, current);
    }

    private void skipPreamble() throws IOException {
        byte[] first = Arrays.copyOfRange(delimiter, 2, delimiter.length);
        while (true) {
            int idx = indexOf(first);
            if (idx >= 0) {
                pos = idx + first.length;
                return;
            }
            if (!compactAndFill()) {
                finished = true;
                return;
            }
        }
    }

    private int fill(int n) throws IOException {
        while (limit - pos < n) {
            if (!compactAndFill()) {
                break;
            }
        }
        return limit - pos;
    }

    private boolean compactAndFill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            throw new IOException("multipart header line longer than " + buf.length + " bytes");
        }
        int r = in.read(buf, limit, buf.length - limit);
        if (r < 0) {
            return false;
        }
        limit += r;
        return true;
    }

    private int indexOf(byte[] pattern) {
        outer:
        for (int i = pos; i <= limit - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buf[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String readLine() throws IOException {
        while (true) {
            for (int i = pos; i < limit - 1; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String s = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
                    pos = i + 2;
                    return s;
                }
            }
            if (!compactAndFill()) {
                throw new IOException("multipart body ends inside part headers");
            }
        }
    }

    private void skipLine() throws IOException {
        readLine();
    }

    /** The content of one part: stops before CRLF--boundary. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            fill(delimiter.length);
            int idx = indexOf(delimiter);
            int available;
            if (idx >= 0) {
                available = idx - pos;
                if (available == 0) {
                    pos += delimiter.length;
                    done = true;
                    return -1;
                }
            } else {
                // Keep a possible partial delimiter at the end of the buffer.
                available = Math.max(0, limit - pos - delimiter.length + 1);
                if (available == 0) {
                    if (!compactAndFill()) {
                        throw new IOException("multipart body ends without its closing boundary");
                    }
                    return read(b, off, len);
                }
            }
            int n = Math.min(len, available);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
