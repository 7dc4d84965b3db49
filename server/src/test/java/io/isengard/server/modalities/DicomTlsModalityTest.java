package io.isengard.server.modalities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.TestServer;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.Samples;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "UseDicomTls" modalities (modalities.md §9): Isengard's SCU over DICOM
 * TLS to DCMTK's storescp +tls, which requires our client certificate; a
 * server certificate we do not trust fails the association.
 */
class DicomTlsModalityTest {
    @TempDir
    Path dir;
    private Process storescp;
    private int port;
    private Path received;

    @BeforeEach
    void start() throws Exception {
        for (String name : List.of("server", "client", "stranger")) {
            openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                    "-keyout", dir.resolve(name + ".key").toString(), "-out", dir.resolve(name + ".crt").toString());
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        received = Files.createDirectory(dir.resolve("received"));
        storescp = new ProcessBuilder("storescp", "-aet", "STORESCP", "+tls", dir.resolve("server.key").toString(),
                dir.resolve("server.crt").toString(), "+cf", dir.resolve("client.crt").toString(), "+xa", "-od",
                received.toString(), Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("storescp.log").toFile()).start();
        for (int i = 0; ; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                assertThat(i).as("storescp +tls listening").isLessThan(200);
                Thread.sleep(50);
            }
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        storescp.destroy();
        if (!storescp.waitFor(10, TimeUnit.SECONDS)) {
            storescp.destroyForcibly();
        }
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            Assumptions.abort("openssl is not installed: " + e.getMessage());
            return;
        }
        assertThat(p.waitFor()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
    }

    private String config(String trusted) {
        return "\"DicomTlsCertificate\": \"" + dir.resolve("client.crt") + "\", \"DicomTlsPrivateKey\": \""
                + dir.resolve("client.key") + "\", \"DicomTlsTrustedCertificates\": \"" + dir.resolve(trusted)
                + "\", \"DicomModalities\": {\"scp\": {\"AET\": \"STORESCP\", \"Host\": \"127.0.0.1\", \"Port\": "
                + port + ", \"UseDicomTls\": true}, \"plain\": [\"STORESCP\", \"127.0.0.1\", " + port + "]}";
    }

    @Test
    void echoAndStoreOverTls() throws Exception {
        try (TestServer server = TestServer.start(config("server.crt"))) {
            HttpResponse<String> echo = server.post("/modalities/scp/echo", new byte[0]);
            assertThat(echo.statusCode()).as(echo.body()).isEqualTo(200);
            assertThat(echo.body().strip()).isEqualTo("{}");

            HttpResponse<String> upload = server.post("/instances",
                    Files.readAllBytes(Samples.get("Brainix/Epi/IM-0001-0001.dcm")));
            String id = Json.MAPPER.readTree(upload.body()).get("ID").asText();
            HttpResponse<String> store = server.post("/modalities/scp/store", id.getBytes());
            assertThat(store.statusCode()).as(store.body()).isEqualTo(200);
            try (Stream<Path> files = Files.list(received)) {
                assertThat(files.count()).isEqualTo(1);
            }

            // Without TLS, storescp +tls does not answer the association: error 9.
            HttpResponse<String> plain = server.post("/modalities/plain/echo", "{\"Timeout\": 3}".getBytes());
            assertThat(plain.statusCode()).as(plain.body()).isEqualTo(500);
            assertThat(Json.MAPPER.readTree(plain.body()).get("OrthancStatus").asInt()).isEqualTo(9);
        }
    }

    @Test
    void anUntrustedServerCertificateFails() throws Exception {
        try (TestServer server = TestServer.start(config("stranger.crt"))) {
            HttpResponse<String> echo = server.post("/modalities/scp/echo", new byte[0]);
            assertThat(echo.statusCode()).as(echo.body()).isEqualTo(500);
            JsonNode error = Json.MAPPER.readTree(echo.body());
            assertThat(error.get("OrthancStatus").asInt()).isEqualTo(9);
            assertThat(error.get("Details").asText()).startsWith("DicomAssociation - connecting to AET \"STORESCP\"");
        }
    }

    @Test
    void tlsWithoutItsOptionsIsExplained() throws Exception {
        try (TestServer server = TestServer.start("\"DicomModalities\": {\"scp\": {\"AET\": \"STORESCP\","
                + " \"Host\": \"127.0.0.1\", \"Port\": " + port + ", \"UseDicomTls\": true}}")) {
            HttpResponse<String> echo = server.post("/modalities/scp/echo", new byte[0]);
            assertThat(echo.statusCode()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(echo.body()).get("Details").asText())
                    .contains("\"DicomTlsCertificate\", \"DicomTlsPrivateKey\" and \"DicomTlsTrustedCertificates\"");
        }
    }
}
