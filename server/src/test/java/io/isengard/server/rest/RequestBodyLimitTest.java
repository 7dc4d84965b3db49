package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.Server;
import io.isengard.server.testing.Samples;
import io.isengard.server.testing.StorageFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "MaximumRequestBodySizeMB" (config.md §3): larger bodies are refused with 413, without being kept. */
class RequestBodyLimitTest {
    private static final int MB = 1024 * 1024;

    @TempDir
    Path dir;

    private Server server;

    @BeforeEach
    void start() throws IOException {
        server = TestServers.start(dir, Map.of("MaximumRequestBodySizeMB", 1));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * Only the head is sent, announcing 2 MB that never come: the answer can
     * only arrive if the server refuses without reading (or buffering) the body.
     */
    @Test
    void aDeclaredLengthAboveTheLimitIsRefusedBeforeTheBodyIsRead() throws IOException {
        RawHttp.Response r = RawHttp.exchange(null, server.httpPort(), RawHttp.request("POST /instances HTTP/1.1",
                "Host: 127.0.0.1", "Content-Length: " + 2 * MB));
        assertTooLarge(r);
        assertNothingStored();
    }

    /** A chunked body is counted as it streams: refused once past the limit, and the file begun is dropped. */
    @Test
    void aChunkedBodyIsRefusedWhenItGoesPastTheLimit() throws IOException {
        byte[] dicom = Files.readAllBytes(Samples.get("DummyCT.dcm"));
        try (RawHttp http = RawHttp.connect(server.httpPort())) {
            http.write(RawHttp.request("POST /instances HTTP/1.1", "Host: 127.0.0.1", "Transfer-Encoding: chunked"));
            OutputStream out = http.output();
            try {
                chunk(out, dicom);
                byte[] zeros = new byte[64 * 1024];
                for (int sent = dicom.length; sent <= 2 * MB; sent += zeros.length) {
                    chunk(out, zeros);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before the whole body is sent: the answer is read below.
            }
            assertTooLarge(http.read());
        }
        assertNothingStored();
    }

    @Test
    void bodiesUnderTheLimitAreAccepted() throws IOException {
        byte[] dicom = Files.readAllBytes(Samples.get("DummyCT.dcm"));
        assertThat(dicom.length).isLessThan(MB);
        RawHttp.Response r = RawHttp.exchange(null, server.httpPort(), RawHttp.request("POST /instances HTTP/1.1",
                "Host: 127.0.0.1", "Content-Length: " + dicom.length, "Connection: close")
                + new String(dicom, StandardCharsets.ISO_8859_1));
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static void assertTooLarge(RawHttp.Response r) throws IOException {
        assertThat(r.status()).as(r.bodyText()).isEqualTo(413);
        JsonNode body = TestServers.JSON.readTree(r.body());
        assertThat(body.get("HttpStatus").asInt()).isEqualTo(413);
        assertThat(body.get("HttpError").asText()).isEqualTo("Request Entity Too Large");
        assertThat(body.get("Details").asText()).contains("MaximumRequestBodySizeMB").contains("1 MB");
    }

    private void assertNothingStored() throws IOException {
        RawHttp.Response stats = RawHttp.exchange(null, server.httpPort(), RawHttp.request("GET /statistics HTTP/1.1",
                "Host: 127.0.0.1", "Connection: close"));
        assertThat(TestServers.JSON.readTree(stats.body()).get("CountInstances").asInt()).isZero();
        assertThat(StorageFiles.in(dir.resolve("storage")))
                .as("files left in the storage area").isEmpty();
    }
}
