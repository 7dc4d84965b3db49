package io.isengard.server.modalities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.TestServer;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.DcmtkTools;
import io.isengard.server.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lua's OutgoingFindRequestFilter (lua.md §3) rewrites the C-FINDs of /modalities/{id}/query. */
class OutgoingFindFilterTest {
    @TempDir
    Path dir;

    @Test
    void theFilterRewritesTheQuerySentToTheModality() throws Exception {
        Path script = dir.resolve("find.lua");
        Files.writeString(script, """
                function OutgoingFindRequestFilter(query, modality)
                   if modality == 'ISENGARD' then query['0010,0020'] = 'ozp00SjY2xG' end
                   return query
                end
                """);
        int port = DcmtkTools.freePort();
        // The server queries itself over DICOM: it is its own modality.
        try (TestServer server = TestServer.start("\"DicomAet\": \"ISENGARD\", \"DicomPort\": " + port
                + ", \"DicomAlwaysAllowFind\": true, \"LuaScripts\": [\"" + script + "\"], \"DicomModalities\":"
                + " {\"self\": [\"ISENGARD\", \"127.0.0.1\", " + port + "]}")) {
            for (String sample : List.of("DummyCT.dcm", "ColorTestMalaterre.dcm")) {
                assertThat(server.post("/instances", Files.readAllBytes(Samples.get(sample))).statusCode())
                        .isEqualTo(200);
            }

            var query = server.post("/modalities/self/query",
                    "{\"Level\": \"Patient\", \"Query\": {\"PatientID\": \"*\"}}".getBytes());
            assertThat(query.statusCode()).as(query.body()).isEqualTo(200);
            String path = Json.MAPPER.readTree(query.body()).path("Path").asText();
            JsonNode answers = Json.MAPPER.readTree(server.get(path + "/answers?expand&simplify").body());

            assertThat(answers).hasSize(1);
            assertThat(answers.get(0).path("PatientID").asText()).isEqualTo("ozp00SjY2xG");
        }
    }
}
