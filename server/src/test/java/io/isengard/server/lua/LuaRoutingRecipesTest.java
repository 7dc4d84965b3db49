package io.isengard.server.lua;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.TestServer;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.DcmtkTools;
import io.isengard.server.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orthanc's auto-routing recipes (lua.md §5.3) unchanged: every stored
 * instance is sent to a modality (a DCMTK storescp) or to a peer (another
 * Isengard), then deleted locally.
 */
class LuaRoutingRecipesTest {
    @TempDir
    Path dir;

    @Test
    void autoRoutingToAModalityThenDeletion() throws Exception {
        Path received = Files.createDirectories(dir.resolve("received"));
        int port = DcmtkTools.freePort();
        Path script = dir.resolve("routing.lua");
        Files.writeString(script, """
                function OnStoredInstance(instanceId, tags, metadata, origin)
                   Delete(SendToModality(instanceId, 'sample'))
                end
                """);
        try (DcmtkTools.Peer storescp = DcmtkTools.start(dir, "storescp", "+xa", "-aet", "SAMPLE", "-od",
                received.toString(), Integer.toString(port));
                TestServer server = TestServer.start("\"LuaScripts\": [\"" + script + "\"], \"DicomModalities\": "
                        + "{\"sample\": [\"SAMPLE\", \"127.0.0.1\", " + port + "]}")) {
            Thread.sleep(300); // storescp listening
            server.post("/instances", Files.readAllBytes(Samples.get("DummyCT.dcm")));

            for (int i = 0; i < 200 && (DcmtkTools.files(received).isEmpty()
                    || !Json.MAPPER.readTree(server.get("/instances").body()).isEmpty()); i++) {
                Thread.sleep(50);
            }
            assertThat(DcmtkTools.files(received)).hasSize(1);
            assertThat(Json.MAPPER.readTree(server.get("/instances").body())).isEmpty();
        }
    }

    @Test
    void autoRoutingToAPeer() throws Exception {
        try (TestServer peer = TestServer.start("")) {
            Path script = dir.resolve("routing.lua");
            Files.writeString(script, """
                    function OnStoredInstance(instanceId, tags, metadata, origin)
                       SendToPeer(instanceId, 'remote')
                    end
                    """);
            try (TestServer server = TestServer.start("\"LuaScripts\": [\"" + script + "\"], \"OrthancPeers\": "
                    + "{\"remote\": [\"" + peer.url("/") + "\"]}")) {
                String id = Json.MAPPER.readTree(server.post("/instances",
                        Files.readAllBytes(Samples.get("DummyCT.dcm"))).body()).path("ID").asText();

                JsonNode there = Json.MAPPER.createArrayNode();
                for (int i = 0; i < 200 && there.isEmpty(); i++) {
                    Thread.sleep(50);
                    there = Json.MAPPER.readTree(peer.get("/instances").body());
                }
                assertThat(there).extracting(JsonNode::asText).containsExactly(id);
                assertThat(Json.MAPPER.readTree(server.get("/instances").body())).hasSize(1);
            }
        }
    }
}
