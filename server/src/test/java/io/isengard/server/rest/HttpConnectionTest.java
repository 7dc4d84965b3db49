package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.server.Server;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keep-alive, "HttpThreadsCount", "HttpBindAddresses" (config.md §3, rest-core.md §1 "Response headers"). */
class HttpConnectionTest {
    private static final String GET_SYSTEM = RawHttp.request("GET /system HTTP/1.1", "Host: localhost");

    @TempDir
    Path dir;

    @Test
    void keepAliveAnswersSayHowLongTheConnectionStaysOpen() throws Exception {
        try (Server server = TestServers.start(dir, Map.of("KeepAliveTimeout", 7));
                RawHttp connection = RawHttp.connect(server.httpPort())) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Response r = connection.send(GET_SYSTEM);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("Connection")).isEqualTo("keep-alive");
                assertThat(r.header("Keep-Alive")).isEqualTo("timeout=7");
            }
            // Error answers and refusals carry them too.
            RawHttp.Response missing = connection.send(RawHttp.request("GET /nope HTTP/1.1", "Host: localhost"));
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.header("Connection")).isEqualTo("keep-alive");
            assertThat(missing.header("Keep-Alive")).isEqualTo("timeout=7");
            assertThat(connection.closedByServer(300)).isFalse();
        }
    }

    /**
     * A request refused before its body was read, whose body comes after its
     * head (as curl sends a large upload): the connection must stay usable,
     * as Orthanc's do, for the keep-alive answer told the client so.
     */
    @Test
    void aRefusalBeforeALateSmallBodyLeavesTheConnectionUsable() throws Exception {
        Map<String, Object> options = Map.of("AuthenticationEnabled", true,
                "RegisteredUsers", Map.of("alice", "secret"));
        String credentials = "Authorization: Basic " + java.util.Base64.getEncoder()
                .encodeToString("alice:secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (Server server = TestServers.start(dir, options);
                RawHttp connection = RawHttp.connect(server.httpPort())) {
            String body = "{\"Level\":\"Study\",\"Query\":{}}".repeat(100);
            List<String> heads = List.of(
                    "POST /tools/find HTTP/1.1\r\nHost: localhost\r\n", // no credentials: 401
                    "POST /nope HTTP/1.1\r\nHost: localhost\r\n" + credentials + "\r\n", // no route: 404
                    "PUT /system HTTP/1.1\r\nHost: localhost\r\n" + credentials + "\r\n"); // 405
            for (String head : heads) {
                connection.write(head + "Content-Length: " + body.length() + "\r\n\r\n");
                Thread.sleep(200); // the server sees the head alone
                connection.write(body);
                RawHttp.Response refused = connection.read();
                assertThat(refused.status()).as(head).isIn(401, 404, 405);
                assertThat(refused.header("Connection")).as(head).isEqualTo("keep-alive");
                RawHttp.Response next = connection.send(RawHttp.request("GET /system HTTP/1.1", "Host: localhost",
                        credentials));
                assertThat(next.status()).as("the request after " + head).isEqualTo(200);
            }
        }
    }

    @Test
    void aRefusalBeforeALargeBodySaysTheConnectionCloses() throws Exception {
        try (Server server = TestServers.start(dir, Map.of());
                RawHttp connection = RawHttp.connect(server.httpPort())) {
            connection.write(RawHttp.request("POST /nope HTTP/1.1", "Host: localhost",
                    "Content-Length: " + 100 * 1024 * 1024) + "x".repeat(1000));
            RawHttp.Response refused = connection.read(); // without waiting for the 100 MB
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.headers().get("connection")).containsExactly("close");
            assertThat(refused.header("Keep-Alive")).isNull();
            assertThat(connection.closedByServer(5_000)).isTrue();
        }
    }

    @Test
    void aClientThatClosesGetsConnectionClose() throws Exception {
        try (Server server = TestServers.start(dir, Map.of());
                RawHttp connection = RawHttp.connect(server.httpPort())) {
            RawHttp.Response r = connection.send(
                    RawHttp.request("GET /system HTTP/1.1", "Host: localhost", "Connection: close"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().get("connection")).containsExactly("close");
            assertThat(r.header("Keep-Alive")).isNull();
            assertThat(connection.closedByServer(5_000)).isTrue();
        }
    }

    @Test
    void withoutKeepAliveEveryConnectionIsClosedAfterItsAnswer() throws Exception {
        try (Server server = TestServers.start(dir, Map.of("KeepAlive", false));
                RawHttp connection = RawHttp.connect(server.httpPort())) {
            RawHttp.Response r = connection.send(GET_SYSTEM);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().get("connection")).containsExactly("close");
            assertThat(r.header("Keep-Alive")).isNull();
            assertThat(connection.closedByServer(5_000)).isTrue();
        }
    }

    @Test
    void httpThreadsCountCapsConcurrentRequests() throws Exception {
        assertThat(secondRequestWaitsForFirst(1)).isTrue();
        assertThat(secondRequestWaitsForFirst(2)).isFalse();
    }

    /**
     * Holds one request in its handler (an upload whose body is late), then
     * asks /system: true if that second request had to wait for the first.
     */
    private boolean secondRequestWaitsForFirst(int threads) throws Exception {
        try (Server server = TestServers.start(dir.resolve("threads-" + threads),
                Map.of("HttpThreadsCount", threads));
                RawHttp upload = RawHttp.connect(server.httpPort())) {
            upload.write(RawHttp.request("POST /instances HTTP/1.1", "Host: localhost", "Content-Length: 200")
                    + "DICM".repeat(10));
            Thread.sleep(300); // the upload's handler is now waiting for the rest of its body
            HttpClient client = TestServers.client();
            CompletableFuture<HttpResponse<String>> system = client.sendAsync(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + server.httpPort() + "/system")).build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean waited;
            try {
                assertThat(system.get(1500, TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
                waited = false;
            } catch (TimeoutException e) {
                waited = true;
            }
            upload.write("x".repeat(160));
            assertThat(upload.read().status()).isEqualTo(400); // not DICOM
            assertThat(system.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            return waited;
        }
    }

    @Test
    void bindAddressesRestrictWhereTheServerListens() throws Exception {
        Map<String, Object> options = Map.of("HttpBindAddresses", List.of("127.0.0.3", "127.0.0.4"),
                "RemoteAccessAllowed", true, "AuthenticationEnabled", false);
        try (Server server = TestServers.start(dir, options)) {
            int port = server.httpPort();
            for (String address : List.of("127.0.0.3", "127.0.0.4")) {
                try (RawHttp c = RawHttp.connect(null, address, port)) {
                    assertThat(c.send(GET_SYSTEM).status()).isEqualTo(200);
                }
            }
            assertThatThrownBy(() -> RawHttp.connect(null, "127.0.0.1", port)).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void bindAddressesShareAnEphemeralPort() throws Exception {
        Map<String, Object> options = Map.of("HttpPort", 0, "HttpBindAddresses", List.of("127.0.0.3", "127.0.0.4"),
                "RemoteAccessAllowed", true, "AuthenticationEnabled", false);
        try (Server server = TestServers.start(dir, options)) {
            assertThat(server.httpPort()).isPositive();
            for (String address : List.of("127.0.0.3", "127.0.0.4")) {
                try (RawHttp c = RawHttp.connect(null, address, server.httpPort())) {
                    assertThat(c.send(GET_SYSTEM).status()).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void aBusyPortIsAStartupError() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            assertThatThrownBy(() -> TestServers.start(dir, Map.of("HttpPort", busy.getLocalPort())))
                    .isInstanceOfSatisfying(OrthancException.class,
                            e -> assertThat(e.error()).isEqualTo(ErrorCode.HttpPortInUse))
                    .hasMessageContaining(Integer.toString(busy.getLocalPort()));
        }
    }
}
