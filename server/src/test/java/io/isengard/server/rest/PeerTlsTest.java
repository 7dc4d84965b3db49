package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.Server;
import io.isengard.server.testing.Samples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers over real TLS (peers.md §3): certificates made by openssl, an
 * Isengard HTTPS server that requires a client certificate signed by its
 * client authority, and Isengard senders whose peers present (or not) a
 * client certificate, PEM key plain or encrypted.
 */
class PeerTlsTest {
    @TempDir
    static Path shared;

    static TestCertificates certs;
    static Server receiver; // HTTPS, client certificate required
    static Server strangerServer; // HTTPS with a self-signed certificate no authority vouches for
    static Server expiredServer; // HTTPS with a certificate that expired yesterday
    static Server sender; // HTTP; HttpsCACertificates = the server authority
    static Server trustingSender; // HTTP; HttpsVerifyPeers = false
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static String instanceId;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(shared);
        // An encrypted PKCS#8 copy of the client key (OpenSSL's default PBES2, AES-256-CBC).
        certs.openssl("pkcs8", "-topk8", "-in", "client.key", "-out", "client-encrypted.key", "-v2", "aes-256-cbc",
                "-passout", "pass:kp");
        // A server certificate of the right authority and host, expired since yesterday.
        certs.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "expired.key");
        certs.openssl("req", "-new", "-key", "expired.key", "-subj", "/CN=localhost", "-out", "expired.csr");
        certs.openssl("x509", "-req", "-in", "expired.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "-1", "-extfile", "server.ext", "-out", "expired.crt");
        certs.bundle("server-expired.pem", "expired.crt", "ca.pem", "expired.key");
        certs.bundle("server-stranger.pem", "stranger.crt", "stranger.key");

        receiver = TestServers.start(shared.resolve("receiver"), Map.of("SslEnabled", true,
                "SslCertificate", certs.file("server-rsa8.pem").toString(), "SslVerifyPeers", true,
                "SslTrustedClientCertificates", certs.file("clientca.pem").toString()));
        strangerServer = TestServers.start(shared.resolve("stranger"), Map.of("SslEnabled", true,
                "SslCertificate", certs.file("server-stranger.pem").toString()));
        expiredServer = TestServers.start(shared.resolve("expired"), Map.of("SslEnabled", true,
                "SslCertificate", certs.file("server-expired.pem").toString()));

        String receiverUrl = "https://127.0.0.1:" + receiver.httpPort() + "/";
        Map<String, Object> peers = new HashMap<>();
        peers.put("good", Map.of("Url", receiverUrl, "CertificateFile", certs.file("client.crt").toString(),
                "CertificateKeyFile", certs.file("client.key").toString()));
        peers.put("encrypted", Map.of("Url", receiverUrl, "CertificateFile", certs.file("client.crt").toString(),
                "CertificateKeyFile", certs.file("client-encrypted.key").toString(), "CertificateKeyPassword", "kp"));
        peers.put("nocert", List.of(receiverUrl));
        peers.put("wrongcert", Map.of("Url", receiverUrl, "CertificateFile", certs.file("stranger.crt").toString(),
                "CertificateKeyFile", certs.file("stranger.key").toString()));
        peers.put("unknownca", List.of("https://127.0.0.1:" + strangerServer.httpPort() + "/"));
        peers.put("expired", List.of("https://127.0.0.1:" + expiredServer.httpPort() + "/"));
        sender = TestServers.start(shared.resolve("sender"), Map.of("OrthancPeers", peers,
                "HttpsCACertificates", certs.file("ca.pem").toString(), "HttpTimeout", 20));
        trustingSender = TestServers.start(shared.resolve("trusting"), Map.of("OrthancPeers",
                Map.of("unknownca", List.of("https://127.0.0.1:" + strangerServer.httpPort() + "/")),
                "HttpsVerifyPeers", false));

        HttpResponse<String> up = send(sender, "POST", "/instances", Files.readAllBytes(Samples.get("DummyCT.dcm")));
        assertThat(up.statusCode()).isEqualTo(200);
        instanceId = TestServers.JSON.readTree(up.body()).get("ID").asText();
    }

    @AfterAll
    static void stop() {
        for (Server s : new Server[] {trustingSender, sender, expiredServer, strangerServer, receiver}) {
            if (s != null) {
                s.close();
            }
        }
    }

    static HttpResponse<String> send(Server s, String method, String path, byte[] body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return TestServers.JSON.readTree(r.body());
    }

    /** The receiver's answer to a request of its own (it only speaks TLS and wants a client certificate). */
    private static int instancesOnReceiver() throws Exception {
        HttpClient tls = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(certs.clientContext("client.p12")).build();
        try (tls) {
            HttpResponse<String> r = tls.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                    + receiver.httpPort() + "/instances")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return TestServers.JSON.readTree(r.body()).size();
        }
    }

    private static void assertNetworkError(HttpResponse<String> r, String... fragments) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
        JsonNode e = json(r);
        assertThat(e.get("OrthancStatus").asInt()).isEqualTo(9);
        System.out.println("peer error: " + e.get("Details").asText());
        assertThat(e.get("Details").asText()).contains(fragments);
    }

    @Test
    void aClientCertificateSignedByTheTrustedAuthorityGetsThrough() throws Exception {
        HttpResponse<String> system = send(sender, "GET", "/peers/good/system", null);
        assertThat(system.statusCode()).as(system.body()).isEqualTo(200);
        assertThat(json(system).has("ApiVersion")).isTrue();
        HttpResponse<String> store = send(sender, "POST", "/peers/good/store", instanceId.getBytes());
        assertThat(store.statusCode()).as(store.body()).isEqualTo(200);
        assertThat(json(store).get("InstancesCount").asInt()).isEqualTo(1);
        assertThat(json(store).get("FailedInstancesCount").asInt()).isEqualTo(0);
        assertThat(instancesOnReceiver()).isEqualTo(1);
    }

    @Test
    void anEncryptedKeyIsReadWithItsPassword() throws Exception {
        HttpResponse<String> system = send(sender, "GET", "/peers/encrypted/system", null);
        assertThat(system.statusCode()).as(system.body()).isEqualTo(200);
        HttpResponse<String> store = send(sender, "POST", "/peers/encrypted/store",
                ("[\"" + instanceId + "\"]").getBytes());
        assertThat(store.statusCode()).as(store.body()).isEqualTo(200);
    }

    @Test
    void aMissingClientCertificateIsAClearError() throws Exception {
        assertNetworkError(send(sender, "GET", "/peers/nocert/system", null), "TLS failure", "client certificate");
        assertNetworkError(send(sender, "POST", "/peers/nocert/store", instanceId.getBytes()),
                "TLS failure", "client certificate");
    }

    @Test
    void aClientCertificateOfAnotherAuthorityIsAClearError() throws Exception {
        assertNetworkError(send(sender, "GET", "/peers/wrongcert/system", null), "TLS failure",
                "client certificate");
    }

    @Test
    void aServerOfAnUnknownAuthorityIsAClearError() throws Exception {
        assertNetworkError(send(sender, "GET", "/peers/unknownca/system", null), "TLS failure",
                "not signed by a trusted authority", "HttpsCACertificates");
        assertNetworkError(send(sender, "POST", "/peers/unknownca/store", instanceId.getBytes()),
                "not signed by a trusted authority");
    }

    @Test
    void anExpiredServerCertificateIsAClearError() throws Exception {
        assertNetworkError(send(sender, "GET", "/peers/expired/system", null), "TLS failure", "expired");
    }

    @Test
    void withoutVerificationAnyServerIsTrusted() throws Exception {
        HttpResponse<String> system = send(trustingSender, "GET", "/peers/unknownca/system", null);
        assertThat(system.statusCode()).as(system.body()).isEqualTo(200);
    }
}
