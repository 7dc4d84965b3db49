package io.isengard.server.rest;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;

/** The answer of an in-process call, kept in memory. */
final class InProcessResponse extends HttpServletResponseWrapper {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private int status = 200;

    InProcessResponse() {
        super(InProcessRequest.unsupported(HttpServletResponse.class));
    }

    int status() {
        return status;
    }

    byte[] body() {
        return body.toByteArray();
    }

    String contentType() {
        return headers.get("Content-Type");
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setContentType(String type) {
        if (type == null) {
            headers.remove("Content-Type");
        } else {
            headers.put("Content-Type", type);
        }
    }

    @Override
    public String getContentType() {
        return headers.get("Content-Type");
    }

    @Override
    public void setContentLengthLong(long len) {
        // the body's own length is the answer's
    }

    @Override
    public void setContentLength(int len) {
        // the body's own length is the answer's
    }

    @Override
    public void setHeader(String name, String value) {
        headers.put(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        headers.put(name, value);
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name);
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                body.write(b, off, len);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("asynchronous writes in an in-process (Lua) REST call");
            }
        };
    }
}
