package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.Server;
import io.isengard.server.testing.Samples;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "OverwriteInstances" (config.md): a second upload of an instance replaces it, or is AlreadyStored. */
class OverwriteInstancesTest {
    @TempDir
    Path dir;

    private final HttpClient client = TestServers.client();

    @Test
    void anOverwrittenInstanceGetsItsNewFileAndKeepsItsAncestors() throws Exception {
        byte[] first = Files.readAllBytes(Samples.get("Knee/T1/IM-0001-0001.dcm"));
        byte[] sibling = Files.readAllBytes(Samples.get("Knee/T1/IM-0001-0002.dcm"));
        byte[] alone = Files.readAllBytes(Samples.get("DummyCT.dcm"));
        try (Server server = TestServers.start(dir, Map.of("OverwriteInstances", true))) {
            JsonNode stored = json(send(server, "POST", "/instances", first));
            json(send(server, "POST", "/instances", sibling));
            JsonNode lonely = json(send(server, "POST", "/instances", alone));
            String id = stored.get("ID").asText();
            String oldUuid = attachmentUuid(server, id);
            String oldLonelyUuid = attachmentUuid(server, lonely.get("ID").asText());

            JsonNode again = json(send(server, "POST", "/instances", first));
            JsonNode lonelyAgain = json(send(server, "POST", "/instances", alone));

            assertThat(again.get("Status").asText()).isEqualTo("Success");
            assertThat(again.get("ID").asText()).isEqualTo(id);
            assertThat(again.get("ParentSeries").asText()).isEqualTo(stored.get("ParentSeries").asText());
            assertThat(lonelyAgain.get("Status").asText()).isEqualTo("Success");
            // The series keeps its other instance; the lonely instance's ancestors, deleted with it, are back.
            assertThat(json(send(server, "GET", "/series/" + stored.get("ParentSeries").asText(), null))
                    .get("Instances")).hasSize(2);
            assertThat(json(send(server, "GET", "/instances", null))).hasSize(3);
            assertThat(json(send(server, "GET", "/patients", null))).hasSize(2);
            assertThat(json(send(server, "GET", "/studies/" + lonely.get("ParentStudy").asText(), null))
                    .get("Series")).hasSize(1);
            assertThat(attachmentUuid(server, id)).isNotEqualTo(oldUuid);
            assertThat(attachmentUuid(server, lonely.get("ID").asText())).isNotEqualTo(oldLonelyUuid);
            assertThat(send(server, "GET", "/instances/" + id + "/file", null).body()).hasSize(first.length);
            // The replaced files leave the storage area.
            for (int i = 0; i < 100 && (storageHas(oldUuid) || storageHas(oldLonelyUuid)); i++) {
                Thread.sleep(50);
            }
            assertThat(storageHas(oldUuid)).isFalse();
            assertThat(storageHas(oldLonelyUuid)).isFalse();
        }
    }

    @Test
    void withoutOverwriteASecondUploadIsAlreadyStoredAndChangesNothing() throws Exception {
        byte[] first = Files.readAllBytes(Samples.get("Knee/T1/IM-0001-0001.dcm"));
        try (Server server = TestServers.start(dir, Map.of())) {
            String id = json(send(server, "POST", "/instances", first)).get("ID").asText();
            String uuid = attachmentUuid(server, id);

            JsonNode again = json(send(server, "POST", "/instances", first));

            assertThat(again.get("Status").asText()).isEqualTo("AlreadyStored");
            assertThat(attachmentUuid(server, id)).isEqualTo(uuid);
            assertThat(storageHas(uuid)).isTrue();
        }
    }

    private String attachmentUuid(Server server, String instance) throws Exception {
        return json(send(server, "GET", "/instances/" + instance + "/attachments/dicom/info", null))
                .get("Uuid").asText();
    }

    private boolean storageHas(String uuid) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("storage"))) {
            return files.anyMatch(p -> p.getFileName().toString().equals(uuid));
        }
    }

    private HttpResponse<byte[]> send(Server server, String method, String path, byte[] body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        return TestServers.JSON.readTree(r.body());
    }
}
