package io.isengard.server.peers;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to one peer (peers.md §3) with the JDK's client: Basic auth when both
 * username and password are set, the peer's "HttpHeaders", its timeout (for
 * the connection and the whole request), TLS as {@link PeerTls} sets it up,
 * "HttpProxy", redirects followed. Connections are kept alive and reused by
 * the requests of one connection object (one store, one /system call).
 */
public final class PeerConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);

    private final OrthancPeer peer;
    private final HttpClient client;
    private final PlainHttpUploads uploads;
    private final Duration timeout;

    public PeerConnection(OrthancPeer peer, OutgoingHttp http) {
        this.peer = peer;
        this.timeout = Duration.ofSeconds(http.timeoutFor(peer));
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // as libcurl talks to Orthanc; no h2c upgrade attempts
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout);
        if (peer.url().startsWith("https://")) {
            b.sslContext(PeerTls.context(peer, http));
        }
        ProxyAddress proxy = ProxyAddress.parse(http.proxy());
        if (proxy != null) {
            b.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
            if (!proxy.username().isEmpty()) {
                b.authenticator(new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return getRequestorType() == RequestorType.PROXY
                                ? new PasswordAuthentication(proxy.username(), proxy.password().toCharArray())
                                : null;
                    }
                });
            }
        }
        this.client = b.build();
        this.uploads = PlainHttpUploads.of(peer, http);
    }

    public OrthancPeer peer() {
        return peer;
    }

    /** GET {@code <peer-url>path}; transport errors are thrown as they come. */
    public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** POST {@code <peer-url>path} with a body and extra headers (e.g. Content-Encoding). */
    PeerAnswer post(String path, HttpRequest.BodyPublisher body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = request(path).POST(body);
        headers.forEach(r::setHeader);
        HttpResponse<byte[]> answer = client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new PeerAnswer(answer.statusCode(), answer.body());
    }

    /**
     * POST of a body already read into direct buffers: by {@link PlainHttpUploads}
     * to a plain http:// peer, else (and to follow a redirect) by the JDK's client.
     */
    PeerAnswer post(String path, ReadAheadBody body, Map<String, String> headers)
            throws IOException, InterruptedException {
        if (uploads != null) {
            PeerAnswer answer = uploads.post(path, body.buffers(), body.length(), headers);
            if (answer.status() / 100 != 3) {
                return answer;
            }
        }
        return post(path, body.publisher(), headers);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(peer.resolve(path))).timeout(timeout);
        headersOf(peer).forEach((name, value) -> {
            try {
                r.setHeader(name, value);
            } catch (IllegalArgumentException e) {
                // The JDK forbids a few (Host, Connection, Content-Length, Expect, Upgrade): it sets them itself.
                LOG.warn("{}: the HTTP header \"{}\" of \"HttpHeaders\" is not sent (the JDK's HTTP client sets it)",
                        peer, name);
            }
        });
        return r;
    }

    /**
     * The headers of every request to {@code peer}: what libcurl sends to Orthanc (Orthanc ignores
     * the type of an upload), Basic auth when both username and password are set, then the peer's
     * "HttpHeaders", which win over the others (names compared without case).
     */
    static Map<String, String> headersOf(OrthancPeer peer) {
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "*/*");
        if (peer.hasBasicAuthentication()) {
            String token = peer.username() + ":" + peer.password();
            headers.put("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
        headers.putAll(peer.httpHeaders());
        return headers;
    }

    @Override
    public void close() {
        if (uploads != null) {
            uploads.close();
        }
        client.close();
    }
}
