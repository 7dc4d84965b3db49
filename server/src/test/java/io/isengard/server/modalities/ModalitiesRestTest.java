package io.isengard.server.modalities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.Server;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.rest.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The /modalities registry routes of Isengard alone (modalities.md §2), in memory and in the database. */
class ModalitiesRestTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private Path dir;
    private Server server;

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory("isengard-modalities-");
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void start(String extra) throws IOException {
        if (server != null) {
            server.close();
        }
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"HttpPort\": 0, \"DicomPort\": 0, \"StorageDirectory\": \"" + dir.resolve("storage") + "\", "
                + extra + "}");
        server = Server.start(ConfigurationLoader.withSystemEnvironment().load(config));
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, int code, String details) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode e = json(r);
        assertThat(e.get("OrthancStatus").asInt()).as(r.body()).isEqualTo(code);
        if (details != null) {
            assertThat(e.get("Details").asText()).isEqualTo(details);
        }
    }

    @Test
    void registryFromTheConfiguration() throws Exception {
        start("\"DicomModalities\": {\"b\": [\"B\", \"hostb\", \"105\"], \"a\": {\"AET\": \"A\", \"Host\": \"ha\","
                + " \"Port\": 104, \"Manufacturer\": \"Vitrea\", \"LocalAet\": \"ME\"}}");
        assertThat(send("GET", "/modalities", null).body().replaceAll("\\s", "")).isEqualTo("[\"a\",\"b\"]");
        assertThat(send("GET", "/modalities?expand=false", null).body().replaceAll("\\s", ""))
                .isEqualTo("[\"a\",\"b\"]");
        JsonNode expanded = json(send("GET", "/modalities?expand", null));
        assertThat(expanded.get("a").get("Manufacturer").asText()).isEqualTo("Vitrea");
        assertThat(expanded.get("a").get("LocalAet").asText()).isEqualTo("ME");
        assertThat(expanded.get("b").get("Port").isInt()).isTrue();
        assertThat(expanded.get("b").get("Port").asInt()).isEqualTo(105);
        assertThat(json(send("GET", "/modalities/a/configuration", null))).isEqualTo(expanded.get("a"));
        assertThat(json(send("GET", "/modalities/a", null))).hasSize(14);
        assertThat(json(send("GET", "/modalities/a", null)).get(0).asText()).isEqualTo("configuration");

        HttpResponse<String> unknown = send("GET", "/modalities/zz", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEmpty();
        assertError(send("GET", "/modalities/zz/configuration", null), 404, 7,
                "No modality with symbolic name: zz");
        assertError(send("POST", "/modalities/zz/echo", ""), 404, 7, "No modality with symbolic name: zz");
        assertError(send("DELETE", "/modalities/zz", null), 404, 7,
                "Unknown DICOM modality with symbolic name: zz");
    }

    @Test
    void putReplacesAndDeleteRemoves() throws Exception {
        start("\"DicomModalities\": {}");
        HttpResponse<String> put = send("PUT", "/modalities/tata", "[\"STORESCP\",\"localhost\",2000,\"MedInria\"]");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEmpty();
        assertThat(json(send("GET", "/modalities/tata/configuration", null)).get("Manufacturer").asText())
                .isEqualTo("Generic");
        send("PUT", "/modalities/tata", "{\"AET\": \"X\", \"Host\": \"h\", \"Port\": 7}");
        JsonNode c = json(send("GET", "/modalities/tata/configuration", null));
        assertThat(c.get("AET").asText()).isEqualTo("X");
        assertThat(c.get("Port").asInt()).isEqualTo(7);

        assertError(send("PUT", "/modalities/tata", "{\"AET\": \"X\", \"Port\": 7}"), 400, 15,
                "String value expected in field: Host");
        assertError(send("PUT", "/modalities/tata", "[\"X\", \"h\", 70000]"), 400, 3,
                "A TCP port number must be in range [1..65534], but found: 70000");
        assertError(send("PUT", "/modalities/tata", "[\"X\", \"h\", 1, \"Nope\"]"), 400, 3,
                "Unknown modality manufacturer: \"Nope\"");
        assertError(send("PUT", "/modalities/tata", "not json"), 400, 15, null);
        assertError(send("PUT", "/modalities/t%20a", "[\"X\", \"h\", 1]"), 400, 15, "Only alphanumeric, dash "
                + "characters and underscores are allowed in the names of modalities/peers, but found: t a");
        // The failed PUTs changed nothing.
        assertThat(json(send("GET", "/modalities/tata/configuration", null))).isEqualTo(c);

        HttpResponse<String> delete = send("DELETE", "/modalities/tata", null);
        assertThat(delete.statusCode()).isEqualTo(200);
        assertThat(delete.body()).isEmpty();
        assertThat(send("GET", "/modalities", null).body().replaceAll("\\s", "")).isEqualTo("[]");
    }

    @Test
    void modalitiesInTheDatabaseSurviveARestart() throws Exception {
        String config = "\"DicomModalitiesInDatabase\": true, \"DicomModalities\": {\"ignored\": [\"I\", \"h\", 1]}";
        start(config);
        assertThat(send("GET", "/modalities", null).body().replaceAll("\\s", "")).isEqualTo("[]");
        send("PUT", "/modalities/kept", "{\"AET\": \"K\", \"Host\": \"h\", \"Port\": 11, \"Timeout\": 3}");
        send("PUT", "/modalities/gone", "[\"G\", \"h\", 12]");
        send("DELETE", "/modalities/gone", null);
        JsonNode before = json(send("GET", "/modalities?expand", null));

        start(config);
        assertThat(json(send("GET", "/modalities?expand", null))).isEqualTo(before);
        assertThat(before.fieldNames()).toIterable().containsExactly("kept");
        assertThat(before.get("kept").get("Timeout").asInt()).isEqualTo(3);
    }

    @Test
    void modalitiesInMemoryAreLostAtRestart() throws Exception {
        start("\"DicomModalities\": {\"conf\": [\"C\", \"h\", 1]}");
        send("PUT", "/modalities/added", "[\"A\", \"h\", 2]");
        start("\"DicomModalities\": {\"conf\": [\"C\", \"h\", 1]}");
        assertThat(send("GET", "/modalities", null).body().replaceAll("\\s", "")).isEqualTo("[\"conf\"]");
    }

    @Test
    void badConfigurationStopsTheStartup() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> start("\"DicomModalities\": {\"x\": [\"A\", \"h\", 0]}"))
                .hasMessageContaining("A TCP port number must be in range [1..65534], but found: 0");
    }

    @Test
    void echoToNobodyIsANetworkError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        start("\"DicomModalities\": {\"nobody\": [\"NOBODY\", \"127.0.0.1\", " + port + "]}");
        HttpResponse<String> r = send("POST", "/modalities/nobody/echo", "");
        assertError(r, 500, 9, null);
        assertThat(json(r).get("Details").asText()).startsWith("DicomAssociation - connecting to AET \"NOBODY\": "
                + "TCP Initialization Error: ");
        assertError(send("POST", "/modalities/nobody/echo", "{not json"), 400, 15, "Cannot parse the JSON body");
        assertError(send("POST", "/tools/dicom-echo", "{not json"), 400, 15, "Cannot parse the JSON body");
        assertError(send("POST", "/tools/dicom-echo", "[\"NOBODY\", \"127.0.0.1\", " + port + "]"), 500, 9, null);
    }

    @Test
    void aStoreIsLoggedInExportsEvenWhenTheTransferFails() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        start("\"LogExportedResources\": true, \"DicomModalities\": {\"nobody\": [\"NOBODY\", \"127.0.0.1\", "
                + port + "]}");
        HttpResponse<byte[]> upload = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.httpPort() + "/instances")).POST(HttpRequest.BodyPublishers.ofFile(
                        io.isengard.server.testing.Samples.get("DummyCT.dcm"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode stored = Json.MAPPER.readTree(upload.body());
        String study = stored.get("ParentStudy").asText();

        assertError(send("POST", "/modalities/nobody/store", "[\"" + study + "\"]"), 500, 9, null);

        JsonNode exports = json(send("GET", "/exports", null)).get("Exports");
        assertThat(exports).hasSize(1);
        assertThat(exports.get(0).get("ID").asText()).isEqualTo(study);
        assertThat(exports.get(0).get("ResourceType").asText()).isEqualTo("Study");
        assertThat(exports.get(0).get("RemoteModality").asText()).isEqualTo("nobody");
        assertThat(exports.get(0).has("StudyInstanceUID")).isTrue();
    }
}
