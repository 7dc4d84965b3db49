package io.isengard.server.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.server.Server;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.rest.Json;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store's uploads to a plain http:// peer ({@link PlainHttpUploads}), as
 * the JDK's own HTTP server and a real Isengard server see them: the bytes
 * and headers the JDK's client would send, kept-alive connections, a
 * connection the peer closed meanwhile, the answers' framings, an answer
 * given before the body was read, the timeout.
 */
class PlainHttpUploadsTest {
    @TempDir
    Path dir;

    private StandInPeer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ReadAheadBody file(int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path f = Files.write(dir.resolve("file-" + size), bytes);
        return ReadAheadBody.read(f).orElseThrow();
    }

    private static byte[] bytes(ReadAheadBody body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (java.nio.ByteBuffer b : body.buffers()) {
            java.nio.ByteBuffer d = b.duplicate();
            byte[] a = new byte[d.remaining()];
            d.get(a);
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    @Test
    void theBytesAndHeadersAreTheOnesOfTheJdkClient() throws Exception {
        server = new StandInPeer(0);
        OrthancPeer p = server.peer("{ \"Url\" : \"URL\", \"Username\" : \"bob\", \"Password\" : \"pw\","
                + " \"HttpHeaders\" : { \"X-Token\" : \"abc\", \"Host\" : \"ignored\" } }");
        try (PeerConnection c = new PeerConnection(p, OutgoingHttp.defaults()); ReadAheadBody body = file(600_000)) {
            PeerAnswer a = c.post("instances", body, Map.of("Content-Encoding", "gzip"));
            assertThat(a.status()).isEqualTo(200);
            assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Path\":\"/base/instances\"}");
            assertThat(server.bodies.get("/base/instances")).isEqualTo(bytes(body));
        }
        Map<String, List<String>> h = server.headers.get("/base/instances");
        assertThat(h.get("Host")).containsExactly("127.0.0.1:" + server.port());
        assertThat(h.get("Content-length")).containsExactly("600000");
        StandInPeer.assertHeadersOfOrthanc(h);
    }

    @Test
    void connectionsAreKeptAliveAndOneThePeerClosedIsReplaced() throws Exception {
        server = new StandInPeer(0);
        int port = server.port();
        OrthancPeer p = server.peer("[ \"URL\" ]");
        try (PeerConnection c = new PeerConnection(p, OutgoingHttp.defaults()); ReadAheadBody body = file(1000)) {
            for (int i = 0; i < 5; i++) {
                assertThat(c.post("instances", body, Map.of()).status()).isEqualTo(200);
            }
            assertThat(server.clientPorts).hasSize(1);
            // The peer restarts: the kept-alive connection is dead, the upload goes over a new one.
            server.close();
            server = new StandInPeer(port);
            PeerAnswer a = c.post("instances", body, Map.of());
            assertThat(a.status()).isEqualTo(200);
            assertThat(server.bodies.get("/base/instances")).isEqualTo(bytes(body));
            assertThat(server.clientPorts).hasSize(1);
        }
    }

    @Test
    void aChunkedAnswerIsRead() throws Exception {
        server = new StandInPeer(0);
        OrthancPeer p = server.peer("[ \"URL\" ]");
        try (PeerConnection c = new PeerConnection(p, OutgoingHttp.defaults()); ReadAheadBody body = file(1000)) {
            for (int i = 0; i < 2; i++) { // the second on the same connection: the chunks were read to their end
                PeerAnswer a = c.post("chunked", body, Map.of());
                assertThat(a.status()).isEqualTo(200);
                assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Path\":\"/base/chunked\"}");
            }
            assertThat(server.clientPorts).hasSize(1);
        }
    }

    @Test
    void thePeersTimeoutBoundsTheUpload() throws Exception {
        server = new StandInPeer(0);
        OrthancPeer p = server.peer("{ \"Url\" : \"URL\", \"Timeout\" : 1 }");
        try (PeerConnection c = new PeerConnection(p, OutgoingHttp.defaults()); ReadAheadBody body = file(1000)) {
            assertThatThrownBy(() -> c.post("slow", body, Map.of())).isInstanceOfSatisfying(HttpTimeoutException.class,
                    e -> assertThat(PeerFailures.describe(p, "POST /slow", e)).contains("no answer within the timeout"));
        }
    }

    /** A real peer refuses a large upload before reading it (wrong password): the refusal, not a broken pipe, is what the store reports. */
    @Test
    void anAnswerGivenBeforeTheBodyWasReadIsReported() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{ \"HttpPort\" : 0, \"DicomPort\" : 0, \"StorageDirectory\" : \""
                + dir.resolve("storage") + "\", \"AuthenticationEnabled\" : true,"
                + " \"RegisteredUsers\" : { \"alice\" : \"right\" } }");
        try (Server receiver = Server.start(ConfigurationLoader.withSystemEnvironment().load(config))) {
            OrthancPeer p = OrthancPeer.parse("p", Json.MAPPER.readTree("[ \"http://127.0.0.1:"
                    + receiver.httpPort() + "/\", \"alice\", \"wrong\" ]"), null);
            try (PeerConnection c = new PeerConnection(p, OutgoingHttp.defaults());
                    ReadAheadBody body = file(4 * 1024 * 1024)) {
                for (int i = 0; i < 3; i++) {
                    assertThat(c.post("instances", body, Map.of()).status()).isEqualTo(401);
                }
            }
        }
    }

    @Test
    void anUnknownHostIsSaidSo() throws Exception {
        OrthancPeer p = OrthancPeer.parse("p", Json.MAPPER.readTree("[ \"http://peer.invalid:8042/\" ]"), null);
        try (PeerConnection c = new PeerConnection(p, OutgoingHttp.defaults()); ReadAheadBody body = file(1000)) {
            assertThatThrownBy(() -> c.post("instances", body, Map.of())).isInstanceOfSatisfying(
                    java.net.UnknownHostException.class, e -> {
                        assertThat(PeerFailures.describe(p, "POST /instances", e)).contains("can't be resolved");
                        assertThat(PeerFailures.worthRetrying(e)).isFalse();
                    });
        }
    }

    @Test
    void onlyPlainHttpWithoutAProxyIsSentThisWay() throws Exception {
        OrthancPeer plain = OrthancPeer.parse("p", Json.MAPPER.readTree("[ \"http://127.0.0.1:8042/\" ]"), null);
        assertThat(PlainHttpUploads.of(plain, OutgoingHttp.defaults())).isNotNull();
        assertThat(PlainHttpUploads.of(plain, new OutgoingHttp(60, true, null, "127.0.0.1:3128"))).isNull();
        OrthancPeer tls = OrthancPeer.parse("p", Json.MAPPER.readTree("[ \"https://127.0.0.1:8042/\" ]"), null);
        assertThat(PlainHttpUploads.of(tls, OutgoingHttp.defaults())).isNull();
    }
}
