package io.isengard.server.rest;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request of an in-process call: what {@link RestCall} reads (headers,
 * body, remote address). Any other servlet method fails loudly, so that a
 * route needing more is found by its test.
 */
final class InProcessRequest extends HttpServletRequestWrapper {
    private final String method;
    private final byte[] body;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    InProcessRequest(String method, byte[] body, Map<String, String> headers) {
        super(unsupported(HttpServletRequest.class));
        this.method = method;
        this.body = body == null ? new byte[0] : body;
        this.headers.putAll(headers);
    }

    @SuppressWarnings("unchecked")
    static <T> T unsupported(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            throw new UnsupportedOperationException(m.getName() + " in an in-process (Lua) REST call");
        });
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        String v = headers.get(name);
        return Collections.enumeration(v == null ? java.util.List.of() : java.util.List.of(v));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(headers.keySet());
    }

    @Override
    public String getContentType() {
        return headers.get("content-type");
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public String getRemoteAddr() {
        return "127.0.0.1";
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
    }

    @Override
    public Locale getLocale() {
        return Locale.ROOT;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public int available() {
                return in.available();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("asynchronous reads in an in-process (Lua) REST call");
            }
        };
    }
}
