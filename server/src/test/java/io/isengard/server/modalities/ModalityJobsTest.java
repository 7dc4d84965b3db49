package io.isengard.server.modalities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.Server;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.Samples;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store to a modality as an asynchronous job (jobs.md §4, §5.2): DCMTK's
 * storescp, started here and slowed down by {@code --sleep-after} (one second per instance) so that
 * a job can be paused or the server closed while it runs, receives the
 * instances; its verbose log tells which instances arrived and how many
 * associations were opened. On SQLite here, on PostgreSQL in {@link Postgres}.
 */
class ModalityJobsTest {
    private static final int INSTANCES = 6;
    private final HttpClient client = HttpClient.newHttpClient();
    private Path dir;
    private Path received;
    private Path scpLog;
    private Process storescp;
    private int scpPort;
    private Server server;
    private String study;

    @BeforeEach
    void startStorescp() throws Exception {
        dir = Files.createTempDirectory("isengard-modality-jobs-");
        received = Files.createDirectory(dir.resolve("received"));
        scpLog = dir.resolve("storescp.log");
        try (ServerSocket s = new ServerSocket(0)) {
            scpPort = s.getLocalPort();
        }
        storescp = new ProcessBuilder("storescp", "-v", "--aetitle", "STORESCP", "--sleep-after", "1", "-od",
                received.toString(), Integer.toString(scpPort)).redirectErrorStream(true)
                .redirectOutput(scpLog.toFile()).start();
        for (int i = 0; ; i++) {
            try (Socket s = new Socket("127.0.0.1", scpPort)) {
                break;
            } catch (IOException notYet) {
                assertThat(i).as("storescp listening").isLessThan(200);
                Thread.sleep(50);
            }
        }
    }

    /** Closes the server if a test left it open; a subclass that drops its database calls it first. */
    void closeServer() throws Exception {
        if (server != null) {
            try {
                server.close();
            } finally {
                server = null;
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        try {
            closeServer();
        } finally {
            storescp.destroy();
            if (!storescp.waitFor(10, TimeUnit.SECONDS)) {
                storescp.destroyForcibly();
            }
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Configuration members of the index under test (none: SQLite in the storage folder). */
    String indexConfig() {
        return "";
    }

    private void startServer() throws IOException {
        Path config = dir.resolve("config.json");
        String index = indexConfig();
        Files.writeString(config, "{\"HttpPort\": 0, \"DicomPort\": 0, \"StorageDirectory\": \"" + dir.resolve("storage")
                + "\", \"DicomAet\": \"ISENGARD\", \"ConcurrentJobs\": 1, \"DicomModalities\": {\"scp\": "
                + "[\"STORESCP\", \"127.0.0.1\", " + scpPort + "]}" + (index.isEmpty() ? "" : ", " + index) + "}");
        server = Server.start(ConfigurationLoader.withSystemEnvironment().load(config));
    }

    private void uploadStudy() throws Exception {
        for (int i = 1; i <= INSTANCES; i++) {
            Path f = Samples.get("Brainix/Epi/IM-0001-%04d.dcm".formatted(i));
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/instances"))
                    .POST(HttpRequest.BodyPublishers.ofFile(f)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            study = Json.MAPPER.readTree(r.body()).get("ParentStudy").asText();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body,
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String method, String path, String body) throws Exception {
        HttpResponse<String> r = send(method, path, body);
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private JsonNode awaitJob(String id, Predicate<JsonNode> until) throws Exception {
        for (int i = 0; i < 1200; i++) {
            JsonNode job = json("GET", "/jobs/" + id, null);
            if (until.test(job)) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " never reached the expected state: "
                + json("GET", "/jobs/" + id, null));
    }

    private static boolean completed(JsonNode job) {
        return job.get("State").asText().equals("Success") || job.get("State").asText().equals("Failure");
    }

    private List<String> logLines(String marker) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(scpLog)) {
            int i = line.indexOf(marker);
            if (i >= 0) {
                out.add(line.substring(i + marker.length()).strip());
            }
        }
        return out;
    }

    /** The files storescp stored (one per C-STORE, a name per SOP instance), each exactly once. */
    private void assertEveryInstanceReceivedOnce() throws IOException {
        List<String> stored = logLines("storing DICOM file:");
        Set<String> distinct = new HashSet<>(stored);
        assertThat(stored).as("C-STOREs received by storescp").hasSize(INSTANCES);
        assertThat(distinct).as("distinct instances received").hasSize(INSTANCES);
    }

    private String submitAsynchronousStore(String extra) throws Exception {
        List<String> before = new ArrayList<>();
        json("GET", "/jobs", null).forEach(n -> before.add(n.asText()));
        JsonNode answer = json("POST", "/modalities/scp/store", "{\"Resources\": [\"" + study
                + "\"], \"Asynchronous\": true" + extra + "}");
        String id = answer.get("ID").asText();
        assertThat(answer.get("Path").asText()).isEqualTo("/jobs/" + id);
        assertThat(answer.size()).isEqualTo(2);
        List<String> after = new ArrayList<>();
        json("GET", "/jobs", null).forEach(n -> after.add(n.asText()));
        after.removeAll(before);
        assertThat(after).as("the one new job, listed when the answer came").containsExactly(id);
        return id;
    }

    @Test
    void anAsynchronousStoreIsADicomModalityStoreJobWithOrthancsContent() throws Exception {
        startServer();
        uploadStudy();
        String id = submitAsynchronousStore(", \"Priority\": 7, \"UserData\": {\"by\": \"test\"}");
        JsonNode job = awaitJob(id, ModalityJobsTest::completed);
        assertThat(job.get("State").asText()).as(job.toString()).isEqualTo("Success");
        assertThat(job.get("Type").asText()).isEqualTo("DicomModalityStore");
        assertThat(job.get("Priority").asInt()).isEqualTo(7);
        assertThat(job.get("UserData")).isEqualTo(Json.MAPPER.readTree("{\"by\": \"test\"}"));
        assertThat(job.get("Progress").asInt()).isEqualTo(100);
        assertThat(job.get("Content")).isEqualTo(Json.MAPPER.readTree("{\"Description\": \"REST API\","
                + " \"FailedInstancesCount\": 0, \"InstancesCount\": " + INSTANCES + ", \"LocalAet\": \"ISENGARD\","
                + " \"ParentResources\": [\"" + study + "\"], \"RemoteAet\": \"STORESCP\"}"));
        assertEveryInstanceReceivedOnce();
        assertThat(logLines("Association Acknowledged")).as("one association for the job").hasSize(1);
    }

    @Test
    void aPausedStoreClosesItsAssociationAndResumesWhereItStopped() throws Exception {
        startServer();
        uploadStudy();
        String id = submitAsynchronousStore("");
        awaitJob(id, j -> j.get("Progress").asInt() > 0);
        assertThat(send("POST", "/jobs/" + id + "/pause", "").statusCode()).isEqualTo(200);
        JsonNode paused = awaitJob(id, j -> !j.get("State").asText().equals("Running"));
        assertThat(paused.get("State").asText()).as(paused.toString()).isEqualTo("Paused");
        int progress = paused.get("Progress").asInt();
        assertThat(progress).isBetween(1, 99);
        // Paused: the association was released, and nothing more is sent.
        awaitLog("Association Release", 1);
        int storedWhilePaused = logLines("storing DICOM file:").size();
        assertThat(storedWhilePaused).isBetween(1, INSTANCES - 1);
        assertThat(json("GET", "/jobs/" + id, null).get("Progress").asInt()).isEqualTo(progress);

        assertThat(send("POST", "/jobs/" + id + "/resume", "").statusCode()).isEqualTo(200);
        JsonNode done = awaitJob(id, ModalityJobsTest::completed);
        assertThat(done.get("State").asText()).as(done.toString()).isEqualTo("Success");
        assertThat(done.get("Content").get("FailedInstancesCount").asInt()).isZero();
        assertEveryInstanceReceivedOnce();
        assertThat(logLines("Association Acknowledged")).as("reopened on resume").hasSize(2);
        awaitLog("Association Release", 2);
    }

    @Test
    void aStoreInterruptedByARestartResumesAtItsCursor() throws Exception {
        startServer();
        uploadStudy();
        String id = submitAsynchronousStore(", \"Priority\": 3");
        awaitJob(id, j -> j.get("Progress").asInt() > 0);
        server.close(); // the instance being sent is finished, then the cursor is saved
        server = null;
        int storedBefore = logLines("storing DICOM file:").size();
        assertThat(storedBefore).as("stopped mid-job").isBetween(1, INSTANCES - 1);

        startServer();
        JsonNode done = awaitJob(id, ModalityJobsTest::completed);
        assertThat(done.get("State").asText()).as(done.toString()).isEqualTo("Success");
        assertThat(done.get("Type").asText()).isEqualTo("DicomModalityStore");
        assertThat(done.get("Priority").asInt()).isEqualTo(3);
        assertThat(done.get("Content").get("InstancesCount").asInt()).isEqualTo(INSTANCES);
        assertThat(done.get("Content").get("RemoteAet").asText()).isEqualTo("STORESCP");
        assertEveryInstanceReceivedOnce();
    }

    @Test
    void anInstanceDeletedAfterTheStoreWasRequestedCountsAsFailed() throws Exception {
        startServer();
        uploadStudy();
        JsonNode instances = json("GET", "/studies/" + study + "/instances", null);
        String id = submitAsynchronousStore("");
        awaitJob(id, j -> j.get("Progress").asInt() > 0);
        // An instance storescp has not received yet (it takes a second per instance).
        String sent = String.join("\n", logLines("storing DICOM file:"));
        String notYetSent = null;
        for (int i = instances.size() - 1; i >= 0 && notYetSent == null; i--) {
            if (!sent.contains(instances.get(i).get("MainDicomTags").get("SOPInstanceUID").asText())) {
                notYetSent = instances.get(i).get("ID").asText();
            }
        }
        assertThat(notYetSent).isNotNull();
        assertThat(send("DELETE", "/instances/" + notYetSent, null).statusCode()).isEqualTo(200);
        JsonNode done = awaitJob(id, ModalityJobsTest::completed);
        assertThat(done.get("State").asText()).as(done.toString()).isEqualTo("Success");
        assertThat(done.get("Content").get("InstancesCount").asInt()).isEqualTo(INSTANCES);
        assertThat(done.get("Content").get("FailedInstancesCount").asInt()).isEqualTo(1);
        assertThat(logLines("storing DICOM file:")).hasSize(INSTANCES - 1);
    }

    @Test
    void synchronousStoreAnswersTheContentAndIsListedInJobs() throws Exception {
        startServer();
        uploadStudy();
        JsonNode content = json("POST", "/modalities/scp/store", "[\"" + study + "\"]");
        assertThat(content.get("InstancesCount").asInt()).isEqualTo(INSTANCES);
        assertThat(content.get("RemoteAet").asText()).isEqualTo("STORESCP");
        JsonNode jobs = json("GET", "/jobs?expand", null);
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).get("Type").asText()).isEqualTo("DicomModalityStore");
        assertThat(jobs.get(0).get("Content")).isEqualTo(content);
        assertEveryInstanceReceivedOnce();
    }

    @Test
    void anAsynchronousStoreToAnUnreachableModalityFailsWithTheNetworkError() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        startServer();
        uploadStudy();
        json("PUT", "/modalities/nobody", "[\"NOBODY\", \"127.0.0.1\", " + closed + "]");
        JsonNode answer = json("POST", "/modalities/nobody/store", "{\"Resources\": [\"" + study
                + "\"], \"Synchronous\": false}");
        JsonNode job = awaitJob(answer.get("ID").asText(), ModalityJobsTest::completed);
        assertThat(job.get("State").asText()).isEqualTo("Failure");
        assertThat(job.get("ErrorCode").asInt()).isEqualTo(9);
        assertThat(job.get("ErrorDetails").asText()).startsWith("DicomAssociation - ");
        assertThat(job.get("Progress").asInt()).isZero();
    }

    private void awaitLog(String marker, int count) throws Exception {
        for (int i = 0; i < 200 && logLines(marker).size() < count; i++) {
            Thread.sleep(50);
        }
        assertThat(logLines(marker)).as("storescp log: " + marker).hasSize(count);
    }
}
