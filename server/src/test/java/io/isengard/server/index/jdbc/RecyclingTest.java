package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.TestServer;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.Samples;
import io.isengard.server.testing.StorageFiles;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MaximumPatientCount, MaximumStorageSize and MaximumStorageMode end to end
 * (resources.md §3, §15): a server on each index backend, real files
 * uploaded over HTTP. Lives beside the other tests that need a PostgreSQL
 * test database.
 */
abstract class RecyclingTest {
    private static final String BRAINIX_1 = "Brainix/Epi/IM-0001-0001.dcm";
    private static final String BRAINIX_2 = "Brainix/Epi/IM-0001-0002.dcm";
    private static final String KNEE = "Knee/T1/IM-0001-0001.dcm";
    private static final String DUMMY = "DummyCT.dcm";
    private static final String CHRISTOPHER = "2020-08-12-Christopher.dcm"; // 526502 bytes
    private static final String VEDRAN = "2019-06-17-VedranZdesic.dcm"; // 527846 bytes
    private static final String SEG = "DicomSeg.dcm"; // 848688 bytes

    /** Configuration members that select the backend under test ("" for SQLite). */
    protected abstract String indexConfiguration();

    private TestServer server;

    private void start(String limits) throws Exception {
        String index = indexConfiguration();
        server = TestServer.start(limits + (index.isEmpty() ? "" : ", " + index));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** Uploads a sample; returns its patient's ID. */
    private String store(String sample) throws Exception {
        HttpResponse<String> r = server.post("/instances", Files.readAllBytes(Samples.get(sample)));
        assertThat(r.statusCode()).as("upload of %s: %s", sample, r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body()).get("ParentPatient").asText();
    }

    private List<String> patients() throws Exception {
        List<String> ids = new ArrayList<>();
        Json.MAPPER.readTree(server.get("/patients").body()).forEach(n -> ids.add(n.asText()));
        return ids;
    }

    private void protect(String patient, String value) throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/patients/" + patient
                + "/protected"))).PUT(HttpRequest.BodyPublishers.ofString(value)));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void patientsThatReceivedAnInstanceLeastRecentlyGoFirstAndProtectedOnesStay() throws Exception {
        start("\"MaximumPatientCount\": 2");
        String brainix = store(BRAINIX_1);
        String knee = store(KNEE);
        store(BRAINIX_2); // Brainix received an instance after Knee: Knee is now the oldest
        String dummy = store(DUMMY);
        assertThat(patients()).containsExactlyInAnyOrder(brainix, dummy);
        assertThat(server.get("/patients/" + knee).statusCode()).isEqualTo(404);

        protect(brainix, "1");
        assertThat(server.get("/patients/" + brainix + "/protected").body()).isEqualTo("1");
        String christopher = store(CHRISTOPHER); // Brainix is the oldest, but protected
        assertThat(patients()).containsExactlyInAnyOrder(brainix, christopher);
        assertThat(Json.MAPPER.readTree(server.get("/patients/" + brainix).body()).get("IsProtected").asBoolean())
                .isTrue();
        assertThat(storedFiles()).as("the files of recycled patients are removed").isEqualTo(3);
    }

    @Test
    void whenEveryOtherPatientIsProtectedTheStorageIsFull() throws Exception {
        start("\"MaximumPatientCount\": 1");
        String brainix = store(BRAINIX_1);
        protect(brainix, "true");
        HttpResponse<String> r = server.post("/instances", Files.readAllBytes(Samples.get(KNEE)));
        JsonNode error = Json.MAPPER.readTree(r.body());
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(error.get("OrthancStatus").asInt()).isEqualTo(19);
        assertThat(error.get("Details").asText()).isEqualTo("Cannot recycle more patients");
        assertThat(patients()).containsExactly(brainix);
        assertThat(storedFiles()).as("the refused file is not kept").isEqualTo(1);

        protect(brainix, " 0 "); // unprotected: it can go now
        String knee = store(KNEE);
        assertThat(patients()).containsExactly(knee);
    }

    @Test
    void storageSizeRecyclesUntilTheNewInstanceFits() throws Exception {
        start("\"MaximumStorageSize\": 1"); // 1 MB
        store(CHRISTOPHER);
        String vedran = store(VEDRAN); // 1054348 bytes in all: Christopher goes
        assertThat(patients()).containsExactly(vedran);
        String knee = store(KNEE);
        String seg = store(SEG); // Vedran, the oldest, goes; Knee and the segmentation fit
        assertThat(patients()).containsExactlyInAnyOrder(knee, seg);
        JsonNode stats = Json.MAPPER.readTree(server.get("/statistics").body());
        assertThat(stats.get("TotalDiskSize").asLong()).isLessThanOrEqualTo(1024 * 1024);
    }

    @Test
    void rejectModeRefusesNewPatientsWithInsufficientStorage() throws Exception {
        start("\"MaximumPatientCount\": 1, \"MaximumStorageMode\": \"Reject\"");
        String brainix = store(BRAINIX_1);
        store(BRAINIX_2); // the same patient: the count does not grow
        long lastChange = Json.MAPPER.readTree(server.get("/changes").body()).get("Last").asLong();
        HttpResponse<String> r = server.post("/instances", Files.readAllBytes(Samples.get(KNEE)));
        assertThat(r.statusCode()).isEqualTo(507);
        JsonNode error = Json.MAPPER.readTree(r.body());
        assertThat(error.get("OrthancStatus").asInt()).isEqualTo(19);
        assertThat(error.get("HttpError").asText()).isEqualTo("Insufficient Storage");
        assertThat(patients()).containsExactly(brainix);
        assertThat(Json.MAPPER.readTree(server.get("/changes").body()).get("Last").asLong())
                .as("nothing of the refused instance is logged").isEqualTo(lastChange);
        assertThat(storedFiles()).isEqualTo(2);
    }

    @Test
    void rejectModeRefusesWhatWouldExceedTheStorageSize() throws Exception {
        start("\"MaximumStorageSize\": 1, \"MaximumStorageMode\": \"Reject\"");
        String christopher = store(CHRISTOPHER);
        HttpResponse<String> r = server.post("/instances", Files.readAllBytes(Samples.get(VEDRAN)));
        assertThat(r.statusCode()).isEqualTo(507);
        assertThat(patients()).containsExactly(christopher);
        String dummy = store(DUMMY); // small enough
        assertThat(patients()).containsExactlyInAnyOrder(christopher, dummy);
    }

    /** Preparing the recycling order is a write: a read-only server skips it and still starts. */
    @Test
    void aReadOnlyServerWithALimitStarts() throws Exception {
        start("\"MaximumPatientCount\": 1, \"ReadOnly\": true");
        assertThat(patients()).isEmpty();
        assertThat(server.post("/instances", Files.readAllBytes(Samples.get(DUMMY))).statusCode()).isEqualTo(500);
    }

    /** Files in the storage area, once the background removal of deleted ones is done (bounded wait). */
    private long storedFiles() throws Exception {
        long expected = Json.MAPPER.readTree(server.get("/statistics").body()).get("CountInstances").asLong();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            long n = StorageFiles.in(server.directory().resolve("storage")).size();
            if (n == expected || System.nanoTime() > deadline) {
                return n;
            }
            Thread.sleep(20);
        }
    }
}
