package io.isengard.server.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.Server;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.Samples;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /peers/{id}/store as an "OrthancPeerStore" job (jobs.md §5.3,
 * peers.md §2.8) between two Isengard servers: asynchronous submission,
 * the job's Type and Content, and a saved job reloaded by a restart.
 */
class PeerStoreJobTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private Server start(String name, String options) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        Path config = folder.resolve("config.json");
        Files.writeString(config, "{ \"HttpPort\" : 0, \"DicomPort\" : 0, \"ConcurrentJobs\" : 1, \"StorageDirectory\" : \""
                + folder.resolve("storage") + "\"" + options + " }");
        return Server.start(ConfigurationLoader.withSystemEnvironment().load(config));
    }

    private Server sender(Server receiver, int hangingPort) throws Exception {
        return start("sender", ", \"OrthancPeers\" : { \"receiver\" : [ \"http://127.0.0.1:" + receiver.httpPort()
                + "/\" ] }, \"DicomModalities\" : { \"hanging\" : [ \"HANGING\", \"127.0.0.1\", " + hangingPort
                + " ] }");
    }

    private HttpResponse<String> send(Server s, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(Server s, String method, String path, String body) throws Exception {
        HttpResponse<String> r = send(s, method, path, body);
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private JsonNode awaitJob(Server s, String id, Predicate<JsonNode> until) throws Exception {
        for (int i = 0; i < 1200; i++) {
            JsonNode job = json(s, "GET", "/jobs/" + id, null);
            if (until.test(job)) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " never reached the expected state: " + json(s, "GET", "/jobs/" + id,
                null));
    }

    private static boolean completed(JsonNode job) {
        return List.of("Success", "Failure").contains(job.get("State").asText());
    }

    /** Uploads Brainix/Flair; returns its study. */
    private String upload(Server s) throws Exception {
        String study = null;
        try (Stream<Path> files = Files.list(Samples.get("Brainix/Flair"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + s.httpPort() + "/instances")).POST(HttpRequest.BodyPublishers.ofFile(f)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).isEqualTo(200);
                study = Json.MAPPER.readTree(r.body()).get("ParentStudy").asText();
            }
        }
        return study;
    }

    private void assertEachInstanceStoredOnce(Server receiver, int count) throws Exception {
        assertThat(json(receiver, "GET", "/instances", null)).hasSize(count);
        assertThat(json(receiver, "GET", "/changes?type=NewInstance&limit=1000", null).get("Changes"))
                .as("each instance stored once").hasSize(count);
    }

    @Test
    void anAsynchronousStoreIsAnOrthancPeerStoreJob() throws Exception {
        try (Server receiver = start("receiver", ""); Server sender = sender(receiver, 1)) {
            String study = upload(sender);
            int count = json(sender, "GET", "/studies/" + study + "/instances", null).size();
            JsonNode answer = json(sender, "POST", "/peers/receiver/store", "{\"Resources\": [\"" + study
                    + "\"], \"Asynchronous\": true, \"Priority\": 2, \"UserData\": \"mine\"}");
            String id = answer.get("ID").asText();
            assertThat(answer.get("Path").asText()).isEqualTo("/jobs/" + id);
            assertThat(json(sender, "GET", "/jobs", null).toString()).contains(id);
            JsonNode job = awaitJob(sender, id, PeerStoreJobTest::completed);
            assertThat(job.get("State").asText()).as(job.toString()).isEqualTo("Success");
            assertThat(job.get("Type").asText()).isEqualTo("OrthancPeerStore");
            assertThat(job.get("Priority").asInt()).isEqualTo(2);
            assertThat(job.get("UserData").asText()).isEqualTo("mine");
            JsonNode content = job.get("Content");
            List<String> keys = new java.util.ArrayList<>();
            content.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactlyInAnyOrder("Compress", "Description", "FailedInstancesCount",
                    "InstancesCount", "ParentResources", "Peer", "Size", "SizeMB");
            assertThat(content.get("Description").asText()).isEqualTo("REST API");
            assertThat(content.get("InstancesCount").asInt()).isEqualTo(count);
            assertThat(content.get("FailedInstancesCount").asInt()).isZero();
            assertThat(content.get("ParentResources").get(0).asText()).isEqualTo(study);
            assertThat(content.get("Peer")).isEqualTo(Json.MAPPER.readTree("[\"http://127.0.0.1:"
                    + receiver.httpPort() + "/\"]"));
            assertThat(content.get("Size").isTextual()).isTrue();
            assertThat(Long.parseLong(content.get("Size").asText())).isPositive();
            assertEachInstanceStoredOnce(receiver, count);

            // Synchronous (the default): the answer is the content of a job listed in /jobs.
            JsonNode sync = json(sender, "POST", "/peers/receiver/store", "[\"" + study + "\"]");
            assertThat(sync.get("InstancesCount").asInt()).isEqualTo(count);
            assertThat(json(sender, "GET", "/jobs", null)).hasSize(2);
        }
    }

    @Test
    void aSavedStoreIsReloadedByARestartAndCompletes() throws Exception {
        // A modality that accepts TCP and never answers keeps the one job worker busy while the store is queued.
        try (ServerSocket hanging = new ServerSocket(0); Server receiver = start("receiver", "")) {
            String id;
            String study;
            int count;
            try (Server sender = sender(receiver, hanging.getLocalPort())) {
                study = upload(sender);
                count = json(sender, "GET", "/studies/" + study + "/instances", null).size();
                json(sender, "POST", "/modalities/hanging/store", "{\"Resources\": [\"" + study
                        + "\"], \"Asynchronous\": true, \"Timeout\": 5, \"Priority\": 10}");
                id = json(sender, "POST", "/peers/receiver/store", "{\"Resources\": [\"" + study
                        + "\"], \"Asynchronous\": true}").get("ID").asText();
                assertThat(send(sender, "POST", "/jobs/" + id + "/pause", "").statusCode()).isEqualTo(200);
                assertThat(json(sender, "GET", "/jobs/" + id, null).get("State").asText()).isEqualTo("Paused");
            }
            assertThat(json(receiver, "GET", "/instances", null)).isEmpty();
            try (Server sender = sender(receiver, hanging.getLocalPort())) {
                JsonNode reloaded = json(sender, "GET", "/jobs/" + id, null);
                assertThat(reloaded.get("State").asText()).isEqualTo("Paused");
                assertThat(reloaded.get("Type").asText()).isEqualTo("OrthancPeerStore");
                assertThat(send(sender, "POST", "/jobs/" + id + "/resume", "").statusCode()).isEqualTo(200);
                JsonNode done = awaitJob(sender, id, PeerStoreJobTest::completed);
                assertThat(done.get("State").asText()).as(done.toString()).isEqualTo("Success");
                assertThat(done.get("Content").get("InstancesCount").asInt()).isEqualTo(count);
                assertThat(done.get("Content").get("ParentResources").get(0).asText()).isEqualTo(study);
                assertEachInstanceStoredOnce(receiver, count);
            }
        }
    }
}
