package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.TestServer;
import io.isengard.server.testing.Samples;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stable* changes after StableAge seconds without new instances (resources.md §7). */
class StabilityTest {
    @Test
    void resourcesBecomeStableAfterStableAgeAndUnstableOnNewInstances() throws Exception {
        try (TestServer server = TestServer.start("\"StableAge\": 1")) {
            server.post("/instances", Files.readAllBytes(Samples.get("Knee/T1/IM-0001-0001.dcm")));
            String study = Json.MAPPER.readTree(server.get("/studies").body()).get(0).asText();
            assertThat(Json.MAPPER.readTree(server.get("/studies/" + study).body()).get("IsStable").asBoolean()).isFalse();
            List<String> types = waitForChanges(server, 7);
            assertThat(types).containsExactly("NewInstance", "NewSeries", "NewStudy", "NewPatient",
                    "StableSeries", "StableStudy", "StablePatient");
            assertThat(Json.MAPPER.readTree(server.get("/studies/" + study).body()).get("IsStable").asBoolean()).isTrue();

            server.post("/instances", Files.readAllBytes(Samples.get("Knee/T1/IM-0001-0002.dcm")));
            assertThat(Json.MAPPER.readTree(server.get("/studies/" + study).body()).get("IsStable").asBoolean()).isFalse();
            assertThat(waitForChanges(server, 11).subList(7, 11))
                    .containsExactly("NewInstance", "StableSeries", "StableStudy", "StablePatient");
        }
    }

    private static List<String> waitForChanges(TestServer server, int count) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            JsonNode changes = Json.MAPPER.readTree(server.get("/changes").body()).get("Changes");
            if (changes.size() >= count || System.nanoTime() > deadline) {
                return changes.findValuesAsText("ChangeType");
            }
            Thread.sleep(200);
        }
    }
}
