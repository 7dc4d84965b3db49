package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.Server;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.testing.Samples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /tools/bulk-delete, /tools/bulk-content, /tools/invalidate-tags and
 * reconstruction over HTTP (rest-core.md §11). Reconstruction is seen by
 * restarting on the same storage with another configuration.
 */
class BulkToolsTest {
    private static final String BRAINIX_1 = "Brainix/Epi/IM-0001-0001.dcm";
    private static final String BRAINIX_2 = "Brainix/Epi/IM-0001-0002.dcm";
    private static final String DUMMY = "DummyCT.dcm";
    private static final String DUMMY_PATIENT = "6816cb19-844d5aee-85245eba-28e841e6-2414fae2";
    private static final String DUMMY_STUDY = "b9c08539-26f93bde-c81ab0d7-bffaf2cb-a4d0bdd0";
    private static final String DUMMY_SERIES = "f2635388-f01d497a-15f7c06b-ad7dba06-c4c599fe";
    private static final String DUMMY_INSTANCE = "66a662ce-7430e543-bad44d47-0dc5a943-ec7a538d";

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private Server server;

    private void start(String extra) throws Exception {
        if (server != null) {
            server.close();
        }
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"HttpPort\": 0, \"DicomPort\": 0, \"StorageDirectory\": \"" + dir.resolve("storage") + "\""
                + (extra.isEmpty() ? "" : ", " + extra) + "}");
        server = Server.start(ConfigurationLoader.withSystemEnvironment().load(config));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String method, String path, String body) throws Exception {
        HttpResponse<String> r = send(method, path, body);
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private String store(String sample) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.httpPort() + "/instances")).POST(HttpRequest.BodyPublishers.ofFile(Samples.get(sample)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(r.body()).get("ID").asText();
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.has("ID") ? n.get("ID").asText() : n.asText()));
        return ids;
    }

    @Test
    void bulkDeleteDeletesEachKnownResource() throws Exception {
        start("");
        String brainix1 = store(BRAINIX_1);
        store(BRAINIX_2);
        store(DUMMY);
        HttpResponse<String> r = send("POST", "/tools/bulk-delete",
                "{\"Resources\": [\"" + DUMMY_PATIENT + "\", \"" + DUMMY_INSTANCE + "\", \"nope\", \"" + brainix1 + "\"]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(ids(json("GET", "/instances", null))).hasSize(1).doesNotContain(brainix1, DUMMY_INSTANCE);

        HttpResponse<String> bad = send("POST", "/tools/bulk-delete", "{\"Resources\": \"nope\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(bad.body()).get("Details").asText())
                .isEqualTo("List of strings expected in field: Resources");
        assertThat(send("POST", "/tools/bulk-delete", "[]").statusCode()).isEqualTo(400);
    }

    @Test
    void bulkContentDescribesResourcesInOrderOrAtOneLevel() throws Exception {
        start("");
        String brainix1 = store(BRAINIX_1);
        String brainix2 = store(BRAINIX_2);
        store(DUMMY);
        JsonNode list = json("POST", "/tools/bulk-content", "{\"Resources\": [\"" + DUMMY_SERIES + "\", \"nope\", \""
                + DUMMY_PATIENT + "\"]}");
        assertThat(ids(list)).containsExactly(DUMMY_SERIES, DUMMY_PATIENT);
        assertThat(list.get(0).get("Type").asText()).isEqualTo("Series");
        assertThat(list.get(0).get("Metadata").get("RemoteAET").asText()).isEmpty();
        assertThat(list.get(1).get("MainDicomTags").has("PatientName")).isTrue();

        JsonNode instances = json("POST", "/tools/bulk-content", "{\"Resources\": [\"" + DUMMY_STUDY + "\", \""
                + brainix2 + "\", \"" + brainix1 + "\"], \"Level\": \"Instance\", \"Metadata\": false, \"Short\": true}");
        assertThat(ids(instances)).containsExactlyElementsOf(new java.util.TreeSet<>(List.of(brainix1, brainix2,
                DUMMY_INSTANCE))).hasSize(3); // each once, sorted by ID
        assertThat(instances.get(0).has("Metadata")).isFalse();
        assertThat(instances.get(0).get("MainDicomTags").has("0008,0018")).isTrue();

        JsonNode patients = json("POST", "/tools/bulk-content", "{\"Resources\": [\"" + DUMMY_INSTANCE + "\", \""
                + DUMMY_SERIES + "\"], \"Level\": \"Patient\"}");
        assertThat(ids(patients)).containsExactly(DUMMY_PATIENT);

        assertThat(send("POST", "/tools/bulk-content", "{\"Resources\": [], \"Level\": \"Nope\"}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/tools/bulk-content", "{\"Resources\": [], \"Metadata\": 1}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void reconstructionRereadsTheFilesWithTheNewConfiguration() throws Exception {
        start("");
        store(DUMMY);
        assertThat(json("GET", "/instances/" + DUMMY_INSTANCE, null).get("MainDicomTags").has("Rows")).isFalse();
        assertThat(send("GET", "/instances/" + DUMMY_INSTANCE + "/attachments/dicom/is-compressed", null).body())
                .isEqualTo("0");

        start("\"ExtraMainDicomTags\": {\"Instance\": [\"Rows\"], \"Series\": [\"SliceThickness\"]},"
                + " \"StorageCompression\": true");
        HttpResponse<String> r = send("POST", "/series/" + DUMMY_SERIES + "/reconstruct",
                "{\"ReconstructFiles\": true}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        JsonNode instance = json("GET", "/instances/" + DUMMY_INSTANCE, null);
        assertThat(instance.get("MainDicomTags").get("Rows").asText()).isEqualTo("512");
        assertThat(json("GET", "/series/" + DUMMY_SERIES, null).get("MainDicomTags").get("SliceThickness").asText())
                .isEqualTo("4");
        assertThat(send("GET", "/instances/" + DUMMY_INSTANCE + "/metadata/MainDicomTagsSignature", null).body())
                .contains("0028,0010");
        assertThat(send("GET", "/instances/" + DUMMY_INSTANCE + "/attachments/dicom/is-compressed", null).body())
                .as("ReconstructFiles applies StorageCompression").isEqualTo("1");
        HttpResponse<byte[]> file = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.httpPort() + "/instances/" + DUMMY_INSTANCE + "/file")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.body()).isEqualTo(Files.readAllBytes(Samples.get(DUMMY)));
        assertThat(send("POST", "/series/nope/reconstruct", "").statusCode()).isEqualTo(404);
    }

    @Test
    void reconstructionOfEverythingAndOfOneLevelOnly() throws Exception {
        start("");
        store(DUMMY);
        start("\"ExtraMainDicomTags\": {\"Instance\": [\"Rows\"], \"Study\": [\"SliceThickness\"]}");
        JsonNode limited = Json.MAPPER.readTree("{\"LimitToThisLevelMainDicomTags\": true}");
        assertThat(send("POST", "/studies/" + DUMMY_STUDY + "/reconstruct", limited.toString()).statusCode())
                .isEqualTo(200);
        assertThat(json("GET", "/studies/" + DUMMY_STUDY, null).get("MainDicomTags").get("SliceThickness").asText())
                .isEqualTo("4");
        assertThat(json("GET", "/instances/" + DUMMY_INSTANCE, null).get("MainDicomTags").has("Rows"))
                .as("only the study's level").isFalse();
        assertThat(send("POST", "/tools/reconstruct", null).statusCode()).isEqualTo(200);
        assertThat(json("GET", "/instances/" + DUMMY_INSTANCE, null).get("MainDicomTags").get("Rows").asText())
                .isEqualTo("512");
        assertThat(json("GET", "/studies/" + DUMMY_STUDY, null).get("PatientMainDicomTags").has("PatientID"))
                .as("the study keeps the patient's tags").isTrue();
    }

    @Test
    void invalidateTagsAnswersEmpty() throws Exception {
        start("");
        store(DUMMY);
        HttpResponse<String> r = send("POST", "/tools/invalidate-tags", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(json("GET", "/instances/" + DUMMY_INSTANCE + "/attachments", null).toString())
                .isEqualTo("[\"dicom\"]");
    }
}
