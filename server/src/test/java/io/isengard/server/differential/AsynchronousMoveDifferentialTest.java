package io.isengard.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.TestServer;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.DcmtkTools;
import io.isengard.server.testing.DcmtkTools.Result;
import io.isengard.server.testing.Jobs;
import io.isengard.server.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "SynchronousCMove": false (dicom-server.md §7, step 5) on Debian's Orthanc
 * 1.10.1 and on Isengard: the same movescu asks each to send the Brainix
 * study to a DCMTK storescp of its own. Each answers success at once and
 * sends the study from a "DicomModalityStore" job described "C-MOVE"; the
 * two jobs' JSON is compared (its ID and dates aside), and each storescp
 * receives the three instances.
 */
@Timeout(240)
class AsynchronousMoveDifferentialTest {
    static final String BRAINIX_STUDY = "2.16.840.1.113669.632.20.1211.10000357775";

    @TempDir
    Path dir;

    static List<Path> brainix() {
        return List.of(Samples.get("Brainix/Epi/IM-0001-0001.dcm"), Samples.get("Brainix/Epi/IM-0001-0002.dcm"),
                Samples.get("Brainix/Epi/IM-0001-0003.dcm"));
    }

    @Test
    void aMoveBecomesAStoreJobOnBothServers() throws Exception {
        DcmtkTools.require();
        Path toOrthanc = Files.createDirectories(dir.resolve("from-orthanc"));
        Path toIsengard = Files.createDirectories(dir.resolve("from-isengard"));
        int orthancDest = DcmtkTools.freePort();
        int isengardDest = DcmtkTools.freePort();
        int isengardDicom = DcmtkTools.freePort();
        ObjectNode orthancConfig = Json.object();
        orthancConfig.put("DicomAet", "MOVER");
        orthancConfig.put("DicomAlwaysAllowMove", true);
        orthancConfig.put("SynchronousCMove", false);
        orthancConfig.putObject("DicomModalities").putArray("dest").add("DEST").add("127.0.0.1").add(orthancDest);
        try (ReferenceOrthanc orthanc = ReferenceOrthanc.start(orthancConfig, null);
                TestServer isengard = TestServer.start("""
                        "DicomAet": "MOVER", "DicomPort": %d, "DicomAlwaysAllowMove": true, "SynchronousCMove": false,
                        "DicomModalities": { "dest": [ "DEST", "127.0.0.1", %d ] }"""
                        .formatted(isengardDicom, isengardDest));
                DcmtkTools.Peer a = DcmtkTools.start(dir, "storescp", "-aet", "DEST", "-od", toOrthanc.toString(),
                        Integer.toString(orthancDest));
                DcmtkTools.Peer b = DcmtkTools.start(dir, "storescp", "-aet", "DEST", "-od", toIsengard.toString(),
                        Integer.toString(isengardDest))) {
            for (Path f : brainix()) {
                assertThat(orthanc.client().postFile("/instances", f).status()).isEqualTo(200);
                assertThat(isengard.post("/instances", Files.readAllBytes(f)).statusCode()).isEqualTo(200);
            }

            movescu(orthanc.dicomPort()).assertSuccess();
            movescu(isengardDicom).assertSuccess();

            JsonNode expected = Jobs.onlyFinishedJob(() -> orthanc.client().get("/jobs?expand").json());
            JsonNode actual = Jobs.onlyFinishedJob(() -> Json.MAPPER.readTree(isengard.get("/jobs?expand").body()));
            assertThat(withoutVaryingFields(actual)).as("Isengard's job against Orthanc's %s", expected)
                    .isEqualTo(withoutVaryingFields(expected));
            assertThat(actual.path("Content").path("MoveOriginatorAET").asText()).isEqualTo("MOVESCU");
            assertThat(DcmtkTools.files(toOrthanc)).hasSize(3);
            assertThat(DcmtkTools.files(toIsengard)).hasSize(3);
            orthanc.assertAlive();
        }
    }

    private Result movescu(int port) {
        return DcmtkTools.run(dir, 60, "movescu", "-S", "-aet", "MOVESCU", "-aec", "MOVER", "-aem", "DEST", "-k",
                "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + BRAINIX_STUDY, "127.0.0.1",
                Integer.toString(port));
    }

    private static JsonNode withoutVaryingFields(JsonNode job) {
        ObjectNode j = job.deepCopy();
        for (String f : List.of("ID", "CreationTime", "CompletionTime", "EffectiveRuntime", "Timestamp")) {
            j.remove(f);
        }
        return j;
    }
}
