package io.isengard.server.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.isengard.server.rest.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What goes on the wire to a peer (peers.md §3), seen by the JDK's own HTTP
 * server standing in for the peer: Basic auth only with both username and
 * password, the peer's HttpHeaders, libcurl's content type, the timeout.
 */
class PeerConnectionTest {
    private StandInPeer server;

    @BeforeEach
    void start() throws IOException {
        server = new StandInPeer(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OrthancPeer peer(String definition) throws Exception {
        return server.peer(definition);
    }

    private Map<String, List<String>> post(OrthancPeer p, String path, Map<String, String> headers) throws Exception {
        try (PeerConnection c = new PeerConnection(p, OutgoingHttp.defaults())) {
            PeerAnswer r = c.post(path, HttpRequest.BodyPublishers.ofString("x"), headers);
            assertThat(r.status()).isEqualTo(200);
        }
        return server.headers.get("/base/" + path);
    }

    @Test
    void credentialsAndHeadersAsOrthancSendsThem() throws Exception {
        Map<String, List<String>> h = post(peer("{ \"Url\" : \"URL\", \"Username\" : \"bob\", \"Password\" : \"pw\","
                + " \"HttpHeaders\" : { \"X-Token\" : \"abc\", \"X-Other\" : \"1\" } }"), "instances",
                Map.of("Content-Encoding", "gzip"));
        assertThat(h.get("X-other")).containsExactly("1");
        StandInPeer.assertHeadersOfOrthanc(h);
    }

    @Test
    void noAuthorizationWithoutAPassword() throws Exception {
        Map<String, List<String>> h = post(peer("[ \"URL\", \"bob\", \"\" ]"), "instances", Map.of());
        assertThat(h).doesNotContainKey("Authorization");
        assertThat(post(peer("[ \"URL\" ]"), "system", Map.of())).doesNotContainKey("Authorization");
    }

    @Test
    void requestsGoThroughTheProxyWithItsCredentials() throws Exception {
        // A stand-in proxy: asks for credentials once (407), then answers in the peer's place.
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, String> proxied = new ConcurrentHashMap<>();
        proxy.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String credentials = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
            if (credentials == null) {
                exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"proxy\"");
                exchange.sendResponseHeaders(407, -1);
            } else {
                proxied.put(exchange.getRequestURI().toString(), credentials);
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        proxy.start();
        try {
            OrthancPeer p = OrthancPeer.parse("p", Json.MAPPER.readTree("[ \"http://peer.invalid:8042/\" ]"), null);
            OutgoingHttp viaProxy = new OutgoingHttp(60, true, null, "user:secret@127.0.0.1:"
                    + proxy.getAddress().getPort());
            try (PeerConnection c = new PeerConnection(p, viaProxy)) {
                assertThat(c.get("system").statusCode()).isEqualTo(200);
            }
            // The host of the peer is never resolved here: the proxy got the absolute URL.
            assertThat(proxied).containsExactly(Map.entry("http://peer.invalid:8042/system",
                    "Basic dXNlcjpzZWNyZXQ="));
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void thePeersTimeoutBoundsTheRequest() throws Exception {
        OrthancPeer p = peer("{ \"Url\" : \"URL\", \"Timeout\" : 1 }");
        try (PeerConnection c = new PeerConnection(p, OutgoingHttp.defaults())) {
            assertThatThrownBy(() -> c.get("slow")).isInstanceOfSatisfying(HttpTimeoutException.class, e ->
                    assertThat(PeerFailures.describe(p, "GET /slow", e)).contains("no answer within the timeout"));
        }
    }
}
