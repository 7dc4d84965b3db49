package io.isengard.server.peers;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The JDK's own HTTP server in a peer's place, seeing what goes on the wire:
 * the headers and body of the last request to each path, the client ports
 * of the connections used. Every request is answered 200 with
 * {@code {"Path":"<path>"}}; a path ending in {@code /slow} is answered
 * only once the stand-in is closed, one ending in {@code /chunked} in chunks.
 */
final class StandInPeer implements AutoCloseable {
    final Map<String, Map<String, List<String>>> headers = new ConcurrentHashMap<>();
    final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpServer server;

    /** On {@code port} of 127.0.0.1 (0: any free one). */
    StandInPeer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            headers.put(path, Map.copyOf(exchange.getRequestHeaders()));
            bodies.put(path, exchange.getRequestBody().readAllBytes());
            clientPorts.add(exchange.getRemoteAddress().getPort());
            if (path.endsWith("/slow")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("{\"Path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, path.endsWith("/chunked") ? 0 : body.length); // 0: chunked
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** A peer definition of Orthanc's with "URL" replaced by this stand-in's {@code /base} URL. */
    OrthancPeer peer(String definition) throws Exception {
        return OrthancPeer.parse("p", io.isengard.server.rest.Json.MAPPER.readTree(definition.replace("URL",
                "http://127.0.0.1:" + port() + "/base")), null);
    }

    /**
     * The headers of a POST with Content-Encoding gzip to a peer with username "bob", password "pw" and
     * "HttpHeaders" {"X-Token": "abc"}, as Orthanc (libcurl) sends them.
     */
    static void assertHeadersOfOrthanc(Map<String, List<String>> h) {
        org.assertj.core.api.Assertions.assertThat(h.get("Authorization")).containsExactly("Basic Ym9iOnB3");
        org.assertj.core.api.Assertions.assertThat(h.get("X-token")).containsExactly("abc");
        org.assertj.core.api.Assertions.assertThat(h.get("Content-type"))
                .containsExactly("application/x-www-form-urlencoded");
        org.assertj.core.api.Assertions.assertThat(h.get("Content-encoding")).containsExactly("gzip");
        org.assertj.core.api.Assertions.assertThat(h.get("Accept")).containsExactly("*/*");
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
