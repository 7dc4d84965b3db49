package io.isengard.server.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket: the test controls every byte of the request
 * and the local address of the connection (java.net.http can do neither),
 * and sees every header of the answer.
 */
final class RawHttp implements AutoCloseable {
    /** An answer: status, headers (lower-case names, values in order), body. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : String.join(", ", v);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** A connection to 127.0.0.1:port from {@code localAddress} (e.g. 127.0.0.2 to look remote). */
    static RawHttp connect(String localAddress, String host, int port) throws IOException {
        Socket s = new Socket();
        s.setSoTimeout(20_000);
        if (localAddress != null) {
            s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        }
        s.connect(new InetSocketAddress(InetAddress.getByName(host), port), 5_000);
        return new RawHttp(s);
    }

    static RawHttp connect(int port) throws IOException {
        return connect(null, "127.0.0.1", port);
    }

    /** One request on a fresh connection from {@code localAddress}. */
    static Response exchange(String localAddress, int port, String request) throws IOException {
        try (RawHttp http = connect(localAddress, "127.0.0.1", port)) {
            return http.send(request);
        }
    }

    /** A request: the head lines (request line first) without the final empty line, then an optional body. */
    static String request(String... headLines) {
        return String.join("\r\n", headLines) + "\r\n\r\n";
    }

    /** The connection's output, for bodies written piece by piece. */
    java.io.OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    void write(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    Response send(String request) throws IOException {
        write(request);
        return read();
    }

    Response read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("the server closed the connection without an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.computeIfAbsent(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> length = headers.get("content-length");
        List<String> encoding = headers.get("transfer-encoding");
        if (length != null) {
            body.writeBytes(in.readNBytes(Integer.parseInt(length.get(0))));
        } else if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
                body.writeBytes(in.readNBytes(size));
                line();
            }
            for (String t = line(); t != null && !t.isEmpty(); t = line()) {
                // trailers
            }
        }
        return new Response(status, headers, body.toByteArray());
    }

    /** Whether the server closed the connection: end of stream within the socket timeout. */
    boolean closedByServer(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
