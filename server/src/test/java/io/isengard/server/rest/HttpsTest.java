package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.server.Server;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTPS (config.md §3 "Ssl*"): certificates made by openssl, clients from the JDK, curl and openssl. */
class HttpsTest {
    @TempDir
    static Path shared;

    static TestCertificates certs;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.create(shared);
    }

    private Server startTls(Map<String, ?> options) throws IOException {
        Map<String, Object> all = new HashMap<>();
        all.put("SslEnabled", true);
        all.put("SslCertificate", certs.file("server-rsa8.pem").toString());
        all.putAll(options);
        return TestServers.start(dir, all);
    }

    private static HttpResponse<String> get(SSLContext tls, String url, String... protocols) throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10));
        if (protocols.length > 0) {
            SSLParameters p = tls.getDefaultSSLParameters();
            p.setProtocols(protocols);
            b.sslParameters(p);
        }
        try (HttpClient client = b.build()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String https(Server s) {
        return "https://127.0.0.1:" + s.httpPort() + "/system";
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-rsa1.pem", "server-rsa8.pem", "server-ec.pem"})
    void everyKeyFormServes(String bundle) throws Exception {
        try (Server server = startTls(Map.of("SslCertificate", certs.file(bundle).toString()))) {
            HttpResponse<String> r = get(certs.clientContext(null), https(server));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(TestServers.JSON.readTree(r.body()).get("DicomAet").asText()).isEqualTo("ORTHANC");
            // The chain went out leaf first, with its authority.
            var chain = r.sslSession().orElseThrow().getPeerCertificates();
            assertThat(chain).hasSize(2);
            assertThat(((X509Certificate) chain[0]).getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
            assertThat(chain[1]).isEqualTo(certs.certificate("ca.pem"));
        }
    }

    @Test
    void theDefaultCertificateFileIsBesideTheConfiguration() throws Exception {
        Files.createDirectories(dir);
        Files.copy(certs.file("server-ec.pem"), dir.resolve("certificate.pem"));
        try (Server server = TestServers.start(dir, Map.of("SslEnabled", true))) {
            assertThat(get(certs.clientContext(null), https(server)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void curlTrustsTheServerThroughItsAuthorityOnly() throws Exception {
        try (Server server = startTls(Map.of())) {
            TestServers.Result trusted = TestServers.run(dir, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    "--cacert", certs.file("ca.pem").toString(), https(server));
            assertThat(trusted.output()).isEqualTo("200");
            TestServers.Result untrusted = TestServers.run(dir, "curl", "-s", "-o", "/dev/null", https(server));
            assertThat(untrusted.exitCode()).isEqualTo(60); // peer certificate cannot be authenticated
            // Reached by name (SNI "localhost") with another Host header: no SNI check, as with Orthanc.
            TestServers.Result byName = TestServers.run(dir, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    "--cacert", certs.file("ca.pem").toString(), "-H", "Host: pacs.example",
                    "https://localhost:" + server.httpPort() + "/system");
            assertThat(byName.output()).isEqualTo("200");
        }
    }

    @Test
    void thePortSpeaksTlsOnly() throws Exception {
        try (Server server = startTls(Map.of())) {
            String plain = "http://127.0.0.1:" + server.httpPort() + "/system";
            assertThatThrownBy(() -> TestServers.get(TestServers.client(), plain, null, null))
                    .isInstanceOf(IOException.class);
            TestServers.Result curl = TestServers.run(dir, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    plain);
            assertThat(curl.exitCode()).isNotZero();
            assertThat(curl.output()).isNotEqualTo("200");
        }
    }

    @Test
    void authenticationStillApplies() throws Exception {
        try (Server server = startTls(Map.of("AuthenticationEnabled", true,
                "RegisteredUsers", Map.of("alice", "pw")))) {
            assertThat(get(certs.clientContext(null), https(server)).statusCode()).isEqualTo(401);
            try (HttpClient client = HttpClient.newBuilder().sslContext(certs.clientContext(null))
                    .version(HttpClient.Version.HTTP_1_1).build()) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(https(server)))
                        .header("Authorization", TestServers.basic("alice", "pw")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
    }

    // ---- protocol versions

    /** openssl s_client forced to one protocol version: the output, with the negotiated version if any. */
    private TestServers.Result sClient(Server server, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + server.httpPort(), "-servername", "localhost", "-brief",
                "-CAfile", certs.file("ca.pem").toString(), "-verify_return_error"));
        command.addAll(List.of(options));
        return TestServers.run(dir, command.toArray(String[]::new));
    }

    @Test
    void tls12And13ByDefaultNotOlder() throws Exception {
        try (Server server = startTls(Map.of())) {
            assertThat(sClient(server, "-tls1_2").output()).contains("Protocol version: TLSv1.2");
            assertThat(sClient(server, "-tls1_3").output()).contains("Protocol version: TLSv1.3");
            // SECLEVEL=0 lets OpenSSL 3 offer TLS 1.1 at all: the refusal must come from the server.
            TestServers.Result old = sClient(server, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
            assertThat(old.exitCode()).isNotZero();
            assertThat(old.output()).doesNotContain("Protocol version:").containsIgnoringCase("alert protocol version");
            assertThat(get(certs.clientContext(null), https(server), "TLSv1.2").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void minimumVersion5IsTls13Only() throws Exception {
        try (Server server = startTls(Map.of("SslMinimumProtocolVersion", 5))) {
            assertThat(sClient(server, "-tls1_3").output()).contains("Protocol version: TLSv1.3");
            TestServers.Result tls12 = sClient(server, "-tls1_2");
            assertThat(tls12.exitCode()).isNotZero();
            assertThat(tls12.output()).doesNotContain("Protocol version:");
            assertThatThrownBy(() -> get(certs.clientContext(null), https(server), "TLSv1.2"))
                    .isInstanceOf(IOException.class);
            assertThat(get(certs.clientContext(null), https(server), "TLSv1.3").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void acceptedCiphersRestrictTls12() throws Exception {
        try (Server server = startTls(Map.of("SslCiphersAccepted", List.of("ECDHE-RSA-AES256-GCM-SHA384",
                "NO-SUCH-CIPHER")))) {
            TestServers.Result chosen = sClient(server, "-tls1_2", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384");
            assertThat(chosen.output()).contains("Protocol version: TLSv1.2")
                    .contains("Ciphersuite: ECDHE-RSA-AES256-GCM-SHA384");
            TestServers.Result other = sClient(server, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
            assertThat(other.exitCode()).isNotZero();
            assertThat(other.output()).doesNotContain("Protocol version:");
            // As with OpenSSL, TLS 1.3 keeps its own suites.
            assertThat(sClient(server, "-tls1_3").output()).contains("Protocol version: TLSv1.3");
        }
    }

    // ---- client certificates

    @Test
    void verifiedPeersMustPresentATrustedCertificate() throws Exception {
        try (Server server = startTls(Map.of("SslVerifyPeers", true,
                "SslTrustedClientCertificates", certs.file("trusted.pem").toString()))) {
            assertThatThrownBy(() -> get(certs.clientContext(null), https(server))).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> get(certs.clientContext("stranger.p12"), https(server)))
                    .isInstanceOf(IOException.class);
            // Signed by a trusted authority, or itself listed in the trust file.
            assertThat(get(certs.clientContext("client.p12"), https(server)).statusCode()).isEqualTo(200);
            assertThat(get(certs.clientContext("friend.p12"), https(server)).statusCode()).isEqualTo(200);

            TestServers.Result curl = TestServers.run(dir, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    "--cacert", certs.file("ca.pem").toString(), "--cert", certs.file("client.crt").toString(),
                    "--key", certs.file("client.key").toString(), https(server));
            assertThat(curl.output()).isEqualTo("200");
            TestServers.Result anonymous = TestServers.run(dir, "curl", "-s", "-o", "/dev/null", "-w",
                    "%{http_code}", "--cacert", certs.file("ca.pem").toString(), https(server));
            assertThat(anonymous.output()).isNotEqualTo("200");
        }
    }

    @Test
    void withoutVerifyPeersNoCertificateIsAsked() throws Exception {
        try (Server server = startTls(Map.of("SslTrustedClientCertificates", "/nonexistent.pem"))) {
            assertThat(get(certs.clientContext("stranger.p12"), https(server)).statusCode()).isEqualTo(200);
        }
    }

    // ---- startup errors

    private void assertStartupError(Map<String, ?> options, ErrorCode code, String... fragments) {
        assertThatThrownBy(() -> startTls(options).close())
                .isInstanceOfSatisfying(OrthancException.class, e -> assertThat(e.error()).isEqualTo(code))
                .hasMessageContainingAll(fragments);
    }

    @Test
    void aMissingCertificateFileIsNamed() {
        Path missing = dir.resolve("nowhere.pem");
        assertStartupError(Map.of("SslCertificate", missing.toString()), ErrorCode.SslInitialization,
                missing.toString(), "SslCertificate", "does not exist", "private key");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        assertStartupError(Map.of("SslCertificate", certs.file("rsa8.crt").toString()), ErrorCode.SslInitialization,
                "rsa8.crt", "no private key");
    }

    @Test
    void aKeyWithoutCertificateIsRefused() {
        assertStartupError(Map.of("SslCertificate", certs.file("rsa8.key").toString()), ErrorCode.SslInitialization,
                "rsa8.key", "no certificate");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        certs.bundle("mismatch.pem", "rsa8.crt", "rsa1.key");
        assertStartupError(Map.of("SslCertificate", certs.file("mismatch.pem").toString()),
                ErrorCode.SslInitialization, "mismatch.pem", "belongs to none");
    }

    @Test
    void anEncryptedKeyIsRefused() throws Exception {
        certs.openssl("pkcs8", "-topk8", "-in", "rsa8.key", "-out", "encrypted.key", "-passout", "pass:secret");
        certs.bundle("encrypted.pem", "rsa8.crt", "encrypted.key");
        assertStartupError(Map.of("SslCertificate", certs.file("encrypted.pem").toString()),
                ErrorCode.SslInitialization, "encrypted.pem", "encrypted");
    }

    @Test
    void aFileThatIsNotPemIsRefused() throws Exception {
        Files.writeString(certs.file("junk.pem"), "hello\n");
        assertStartupError(Map.of("SslCertificate", certs.file("junk.pem").toString()), ErrorCode.SslInitialization,
                "junk.pem", "no PEM certificate nor private key");
    }

    @Test
    void verifiedPeersNeedTheTrustFile() {
        Path missing = dir.resolve("trusted-nowhere.pem");
        assertStartupError(Map.of("SslVerifyPeers", true, "SslTrustedClientCertificates", missing.toString()),
                ErrorCode.SslInitialization, missing.toString(), "SslTrustedClientCertificates", "does not exist");
        assertStartupError(Map.of("SslVerifyPeers", true,
                "SslTrustedClientCertificates", certs.file("client.key").toString()),
                ErrorCode.SslInitialization, "client.key", "no certificate");
    }

    @Test
    void protocolVersionsOutOfRangeAreRefused() {
        assertStartupError(Map.of("SslMinimumProtocolVersion", 6), ErrorCode.ParameterOutOfRange,
                "SslMinimumProtocolVersion", "6");
    }

    @Test
    void noAcceptedCipherIsRefused() {
        assertStartupError(Map.of("SslCiphersAccepted", List.of("NO-SUCH-CIPHER")), ErrorCode.SslInitialization,
                "SslCiphersAccepted");
    }
}
