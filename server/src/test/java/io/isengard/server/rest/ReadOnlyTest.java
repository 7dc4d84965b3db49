package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.Server;
import io.isengard.server.index.jdbc.SqliteIndexFactory;
import io.isengard.server.testing.Samples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "ReadOnly": true (config.md §2): every write is refused as Orthanc does, reads work, nothing changes. */
class ReadOnlyTest {
    @TempDir
    Path dir;

    private final HttpClient client = TestServers.client();

    @Test
    void writesAreRefusedAndTheStoreIsUnchanged() throws Exception {
        String instance;
        String patient;
        try (Server normal = TestServers.start(dir, Map.of())) {
            JsonNode stored = json(send(normal, "POST", "/instances", Files.readAllBytes(Samples.get("DummyCT.dcm"))));
            instance = stored.get("ID").asText();
            patient = stored.get("ParentPatient").asText();
        }
        Map<String, Long> filesBefore = storageFiles();

        try (Server readOnly = TestServers.start(dir, Map.of("ReadOnly", true))) {
            String statistics = send(readOnly, "GET", "/statistics", null).body();
            String changes = send(readOnly, "GET", "/changes", null).body();
            assertThat(json(send(readOnly, "GET", "/system", null)).get("ReadOnly").asBoolean()).isTrue();

            byte[] other = Files.readAllBytes(Samples.get("Knee/T1/IM-0001-0001.dcm"));
            assertRefused(send(readOnly, "POST", "/instances", other));
            assertRefused(send(readOnly, "POST", "/instances", zip(other)));
            assertRefused(send(readOnly, "DELETE", "/instances/" + instance, null));
            assertRefused(send(readOnly, "DELETE", "/patients/" + patient, null));
            assertRefused(send(readOnly, "DELETE", "/changes", null));
            assertRefused(send(readOnly, "DELETE", "/exports", null));

            // Reads, and runtime switches that change no stored data, still work.
            assertThat(send(readOnly, "GET", "/instances/" + instance + "/file", null).statusCode()).isEqualTo(200);
            assertThat(send(readOnly, "GET", "/instances/" + instance + "/tags", null).statusCode()).isEqualTo(200);
            assertThat(send(readOnly, "GET", "/patients/" + patient, null).statusCode()).isEqualTo(200);
            assertThat(send(readOnly, "PUT", "/tools/metrics", "0".getBytes()).statusCode()).isEqualTo(200);

            assertThat(send(readOnly, "GET", "/statistics", null).body()).isEqualTo(statistics);
            assertThat(send(readOnly, "GET", "/changes", null).body()).isEqualTo(changes);
            assertThat(json(send(readOnly, "GET", "/instances", null))).hasSize(1);
        }
        assertThat(storageFiles()).isEqualTo(filesBefore);
    }

    /** Orthanc's ReadOnly error: 500, code 22 "Cannot modify a read-only data structure". */
    private static void assertRefused(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
        JsonNode body = TestServers.JSON.readTree(r.body());
        assertThat(body.get("OrthancStatus").asInt()).isEqualTo(22);
        assertThat(body.get("OrthancError").asText()).isEqualTo("Cannot modify a read-only data structure");
        assertThat(body.get("Details").asText()).contains("\"ReadOnly\": true");
    }

    /** The files of the storage area (not the index's) and their sizes. */
    private Map<String, Long> storageFiles() throws IOException {
        Map<String, Long> files = new TreeMap<>();
        Path storage = dir.resolve("storage");
        try (Stream<Path> s = Files.walk(storage)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().startsWith(SqliteIndexFactory.FILE_NAME)) {
                    files.put(storage.relativize(p).toString(), Files.size(p));
                }
            }
        }
        assertThat(files).isNotEmpty();
        return files;
    }

    private HttpResponse<String> send(Server server, String method, String path, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServers.JSON.readTree(r.body());
    }

    private static byte[] zip(byte[] dicom) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("a.dcm"));
            z.write(dicom);
            z.closeEntry();
        }
        return b.toByteArray();
    }
}
