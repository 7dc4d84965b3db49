package io.isengard.server.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.Server;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.Samples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A peer whose storage is full: the store fails at once with the peer's own words, and nothing is lost here. */
class FullPeerTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private Server start(String name, String options) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        Path config = folder.resolve("config.json");
        Files.writeString(config, "{ \"HttpPort\" : 0, \"DicomPort\" : 0, \"StorageDirectory\" : \"" + folder.resolve("storage") + "\""
                + options + " }");
        return Server.start(ConfigurationLoader.withSystemEnvironment().load(config));
    }

    private HttpResponse<String> send(Server s, String method, String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFullPeerIsNamedWithItsOwnWords() throws Exception {
        try (Server full = start("full", ", \"MaximumStorageSize\" : 1, \"MaximumStorageMode\" : \"Reject\"");
                Server sender = start("sender", ", \"OrthancPeers\" : { \"full\" : [ \"http://127.0.0.1:"
                        + full.httpPort() + "/\" ] }")) {
            List<Path> files;
            try (Stream<Path> s = Files.list(Samples.get("Brainix/Flair"))) {
                files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
            }
            String patient = null;
            for (Path f : files) {
                HttpResponse<String> r = send(sender, "POST", "/instances", Files.readAllBytes(f));
                assertThat(r.statusCode()).isEqualTo(200);
                patient = Json.MAPPER.readTree(r.body()).get("ParentPatient").asText();
            }
            HttpResponse<String> store = send(sender, "POST", "/peers/full/store", patient.getBytes());
            assertThat(store.statusCode()).as(store.body()).isEqualTo(500);
            JsonNode error = Json.MAPPER.readTree(store.body());
            assertThat(error.get("OrthancStatus").asInt()).isEqualTo(9);
            assertThat(error.get("Details").asText()).contains("\"full\"", "refused with HTTP", "The file storage is full");
            // Stored here still: a failed store loses nothing locally.
            assertThat(Json.MAPPER.readTree(send(sender, "GET", "/instances", null).body())).hasSize(files.size());
        }
    }
}
