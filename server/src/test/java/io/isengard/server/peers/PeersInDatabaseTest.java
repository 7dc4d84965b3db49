package io.isengard.server.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.Server;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.index.Index;
import io.isengard.server.index.jdbc.SqliteIndexFactory;
import io.isengard.server.rest.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "OrthancPeersInDatabase" (peers.md §1.2): PUT and DELETE survive a restart; "OrthancPeers" is then ignored. */
class PeersInDatabaseTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private Server start(boolean inDatabase) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{ \"HttpPort\" : 0, \"DicomPort\" : 0, \"StorageDirectory\" : \"" + dir.resolve("storage") + "\","
                + " \"OrthancPeersInDatabase\" : " + inDatabase + ","
                + " \"OrthancPeers\" : { \"fromfile\" : [ \"http://127.0.0.1:1/\" ] } }");
        return Server.start(ConfigurationLoader.withSystemEnvironment().load(config));
    }

    private HttpResponse<String> send(Server s, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(Server s, String path) throws Exception {
        HttpResponse<String> r = send(s, "GET", path, null);
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void peersPutInTheDatabaseSurviveARestart() throws Exception {
        String advanced = "{ \"Url\" : \"http://127.0.0.1:8143\", \"Username\" : \"bob\", \"Password\" : \"secret\","
                + " \"HttpHeaders\" : { \"X-Token\" : \"abc\" }, \"RemoteSelf\" : \"me\", \"Timeout\" : 7 }";
        JsonNode before;
        try (Server s = start(true)) {
            assertThat(get(s, "/peers")).isEmpty(); // the configuration file's peers are ignored
            assertThat(send(s, "PUT", "/peers/adv", advanced).statusCode()).isEqualTo(200);
            assertThat(send(s, "PUT", "/peers/simple", "[ \"http://h:1\", \"u\", \"p\" ]").statusCode()).isEqualTo(200);
            assertThat(send(s, "PUT", "/peers/gone", "[ \"http://h:2\" ]").statusCode()).isEqualTo(200);
            assertThat(send(s, "DELETE", "/peers/gone", null).statusCode()).isEqualTo(200);
            before = get(s, "/peers?expand");
        }
        try (Server s = start(true)) {
            assertThat(get(s, "/peers?expand")).isEqualTo(before);
            assertThat(get(s, "/peers").toString()).isEqualTo("[\"adv\",\"simple\"]");
        }
        // Passwords are kept (the peer must still authenticate), though never shown.
        try (Index index = SqliteIndexFactory.open(dir.resolve("storage"))) {
            String saved = index.read(tx -> tx.globalProperty(PeerRegistry.GLOBAL_PROPERTY_PEERS));
            assertThat(Json.MAPPER.readTree(saved).get("adv").get("Password").asText()).isEqualTo("secret");
            assertThat(Json.MAPPER.readTree(saved).get("simple").toString()).isEqualTo("[\"http://h:1/\",\"u\",\"p\"]");
        }
    }

    @Test
    void withoutTheOptionPutOnlyChangesMemory() throws Exception {
        try (Server s = start(false)) {
            assertThat(get(s, "/peers").toString()).isEqualTo("[\"fromfile\"]");
            assertThat(send(s, "PUT", "/peers/added", "[ \"http://h:1\" ]").statusCode()).isEqualTo(200);
            assertThat(get(s, "/peers").toString()).isEqualTo("[\"added\",\"fromfile\"]");
        }
        try (Server s = start(false)) {
            assertThat(get(s, "/peers").toString()).isEqualTo("[\"fromfile\"]");
        }
    }
}
