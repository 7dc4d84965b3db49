package io.isengard.server.peers;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's uploads to a peer at an {@code http://} URL reached without a
 * proxy: HTTP/1.1 written here over blocking socket channels, kept alive,
 * one request at a time on each. The request's head and the body's direct
 * buffers leave in one gathering write, without a copy on the Java heap,
 * from the store's own (virtual) thread. The JDK's client hands each request
 * to its selector thread and the answer back, and copies the body once more:
 * on the sender of peers.sh that was most of its CPU per instance. Everything
 * else (https, a proxy, redirects, GETs) goes through the JDK's client
 * ({@link PeerConnection}).
 */
final class PlainHttpUploads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlainHttpUploads.class);
    /** Headers this class writes itself, as the JDK's client refuses them from "HttpHeaders". */
    private static final Set<String> OWN_HEADERS = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding");
    private static final ScheduledExecutorService TIMEOUTS = timeouts();

    private final OrthancPeer peer;
    private final InetSocketAddress address;
    private final byte[] fixedHeaders;
    private final long timeoutMillis;
    private final ConcurrentLinkedDeque<SocketChannel> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private PlainHttpUploads(OrthancPeer peer, URI url, String headers, long timeoutMillis) {
        this.peer = peer;
        int port = url.getPort() < 0 ? 80 : url.getPort();
        this.address = InetSocketAddress.createUnresolved(url.getHost(), port);
        this.fixedHeaders = ("Host: " + url.getHost() + (url.getPort() < 0 ? "" : ":" + port) + "\r\n" + headers)
                .getBytes(StandardCharsets.ISO_8859_1);
        this.timeoutMillis = timeoutMillis;
    }

    /** Uploads to {@code peer}, or null when its URL is not plain http:// or a proxy is configured. */
    static PlainHttpUploads of(OrthancPeer peer, OutgoingHttp http) {
        URI url;
        try {
            url = URI.create(peer.url());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getRawQuery() != null
                || ProxyAddress.parse(http.proxy()) != null) {
            return null;
        }
        StringBuilder headers = new StringBuilder();
        PeerConnection.headersOf(peer).forEach((name, value) -> {
            if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.append(name).append(": ").append(value).append("\r\n");
            }
        });
        return new PlainHttpUploads(peer, url, headers.toString(), http.timeoutFor(peer) * 1000L);
    }

    /**
     * POST {@code body} to {@code <peer-url>path}. A kept-alive connection
     * that the peer closed meanwhile fails before any answer: the request is
     * then sent once more on a new connection (POST /instances is idempotent
     * on an Orthanc peer). Transport errors are thrown as they come; the
     * whole exchange is bounded by the peer's timeout.
     */
    PeerAnswer post(String path, List<ByteBuffer> body, long length, Map<String, String> headers) throws IOException {
        byte[] head = head(path, length, headers);
        SocketChannel reused = idle.pollFirst();
        if (reused != null) {
            try {
                return exchange(reused, head, body);
            } catch (StaleConnection e) {
                LOG.debug("{}: a kept-alive connection was closed by the peer; a new one is used", address);
            }
        }
        try {
            return exchange(open(), head, body);
        } catch (StaleConnection e) {
            throw (IOException) e.getCause();
        }
    }

    private byte[] head(String path, long length, Map<String, String> headers) {
        String target = URI.create(peer.resolve(path)).getRawPath(); // as the JDK's client would ask for it
        StringBuilder sb = new StringBuilder(128).append("POST ").append(target).append(" HTTP/1.1\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("Content-Length: ").append(length).append("\r\n");
        byte[] variable = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[variable.length + fixedHeaders.length + 2];
        System.arraycopy(variable, 0, all, 0, variable.length);
        System.arraycopy(fixedHeaders, 0, all, variable.length, fixedHeaders.length);
        all[all.length - 2] = '\r';
        all[all.length - 1] = '\n';
        return all;
    }

    private SocketChannel open() throws IOException {
        SocketChannel channel = SocketChannel.open();
        ScheduledFuture<?> watchdog = TIMEOUTS.schedule(() -> closeQuietly(channel), timeoutMillis,
                TimeUnit.MILLISECONDS);
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
            if (resolved.isUnresolved()) {
                throw new UnknownHostException(address.getHostString());
            }
            channel.connect(resolved);
            return channel;
        } catch (ClosedChannelException e) {
            throw new HttpConnectTimeoutException("no connection to " + address + " within " + timeoutMillis + " ms");
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private PeerAnswer exchange(SocketChannel channel, byte[] head, List<ByteBuffer> body) throws IOException {
        ScheduledFuture<?> watchdog = TIMEOUTS.schedule(() -> closeQuietly(channel), timeoutMillis,
                TimeUnit.MILLISECONDS);
        boolean keep = false;
        AnswerReader reader = new AnswerReader(channel);
        try {
            ByteBuffer[] buffers = new ByteBuffer[body.size() + 1];
            buffers[0] = ByteBuffer.wrap(head);
            for (int i = 0; i < body.size(); i++) {
                buffers[i + 1] = body.get(i).duplicate();
            }
            try {
                ByteBuffer last = buffers[buffers.length - 1];
                while (last.hasRemaining()) {
                    channel.write(buffers);
                }
            } catch (IOException e) {
                // A peer may answer (401, 413) and close before it has read the body: its answer says more.
                try {
                    return reader.read();
                } catch (IOException noAnswer) {
                    throw e;
                }
            }
            PeerAnswer answer = reader.read();
            keep = reader.keepAlive && !closed;
            return answer;
        } catch (ClosedChannelException e) {
            if (watchdog.isDone()) {
                throw new HttpTimeoutException("no answer from " + address + " within " + timeoutMillis + " ms");
            }
            throw e;
        } catch (IOException e) {
            if (!reader.started) {
                throw new StaleConnection(e);
            }
            throw e;
        } finally {
            watchdog.cancel(false);
            if (keep) {
                idle.addFirst(channel);
                if (closed) {
                    close(); // closed meanwhile: its sweep may have missed this one
                }
            } else {
                closeQuietly(channel);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (SocketChannel c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static ScheduledExecutorService timeouts() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("peer-upload-timeouts").factory());
        e.setRemoveOnCancelPolicy(true); // most exchanges end well before their timeout
        return Executors.unconfigurableScheduledExecutorService(e);
    }

    /** A failure before any byte of an answer came: on a reused connection, worth one new connection. */
    private static final class StaleConnection extends IOException {
        StaleConnection(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Reads one HTTP/1.1 answer: status line, headers, a body by Content-Length, chunks or end of stream. */
    private static final class AnswerReader {
        private final SocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(8192);
        boolean started;
        boolean keepAlive = true;

        AnswerReader(SocketChannel channel) {
            this.channel = channel;
            buffer.flip();
        }

        PeerAnswer read() throws IOException {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x answer: " + statusLine);
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP/1.x answer: " + statusLine);
            }
            keepAlive = parts[0].equals("HTTP/1.1");
            long length = -1;
            boolean chunked = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> keepAlive = value.contains("keep-alive")
                            || keepAlive && !value.contains("close");
                    default -> { }
                }
            }
            if (status / 100 == 1) {
                return read(); // 100 Continue and the like: the real answer follows
            }
            byte[] body;
            if (chunked) {
                body = chunks();
            } else if (length >= 0) {
                body = bytes(length);
            } else {
                keepAlive = false;
                body = untilEnd();
            }
            return new PeerAnswer(status, body);
        }

        private byte[] chunks() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                long n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                if (n == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    return out.toByteArray();
                }
                out.writeBytes(bytes(n));
                line();
            }
        }

        private byte[] bytes(long n) throws IOException {
            if (n > Integer.MAX_VALUE - 8) {
                throw new IOException("an answer of " + n + " bytes to an upload");
            }
            byte[] b = new byte[(int) n];
            int at = 0;
            while (at < b.length) {
                fill();
                int k = Math.min(buffer.remaining(), b.length - at);
                buffer.get(b, at, k);
                at += k;
            }
            return b;
        }

        private byte[] untilEnd() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                if (!buffer.hasRemaining() && !more()) {
                    return out.toByteArray();
                }
                out.write(buffer.array(), buffer.position(), buffer.remaining());
                buffer.position(buffer.limit());
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                fill();
                byte c = buffer.get();
                if (c == '\n') {
                    int end = sb.length();
                    return end > 0 && sb.charAt(end - 1) == '\r' ? sb.substring(0, end - 1) : sb.toString();
                }
                sb.append((char) (c & 0xff));
                if (sb.length() > 65536) {
                    throw new IOException("an answer's header line of more than 64 KiB");
                }
            }
        }

        private void fill() throws IOException {
            if (!buffer.hasRemaining() && !more()) {
                throw new EOFException("the peer closed the connection in the middle of its answer");
            }
        }

        private boolean more() throws IOException {
            buffer.clear();
            int n = channel.read(buffer);
            buffer.flip();
            if (n > 0) {
                started = true;
            }
            return n > 0;
        }
    }
}
