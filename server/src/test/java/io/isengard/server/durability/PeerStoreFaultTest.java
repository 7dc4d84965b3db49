package io.isengard.server.durability;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's fault test: the receiving server stops in the middle of a
 * 500-instance peer store and starts again on the same port; the store
 * retries, completes, and every instance arrives exactly once (one
 * NewInstance change each).
 */
class PeerStoreFaultTest {
    private static final int COUNT = 500;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Server start(Path folder, int port, String peers) throws Exception {
        Files.createDirectories(folder);
        Path config = folder.resolve("config.json");
        Files.writeString(config, "{ \"HttpPort\" : " + port + ", \"DicomPort\" : 0, \"StorageDirectory\" : \"" + folder.resolve("storage")
                + "\", \"OrthancPeers\" : { " + peers + " } }");
        return Server.start(ConfigurationLoader.withSystemEnvironment().load(config));
    }

    private HttpResponse<String> send(Server s, String method, String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort() + path))
                .timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(Server s, String path) throws Exception {
        HttpResponse<String> r = send(s, "GET", path, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aReceiverRestartingInTheMiddleGetsEveryInstanceOnce() throws Exception {
        int receiverPort = freePort();
        Server receiver = start(dir.resolve("receiver"), receiverPort, "");
        try (Server sender = start(dir.resolve("sender"), 0,
                "\"receiver\" : [ \"http://127.0.0.1:" + receiverPort + "/\" ]")) {
            SyntheticInstances instances = new SyntheticInstances(Samples.get("Brainix/Flair/IM-0001-0001.dcm"),
                    System.nanoTime());
            Set<String> patients = new TreeSet<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                List<Future<JsonNode>> uploads = new ArrayList<>();
                for (int n = 0; n < COUNT; n++) {
                    int k = n;
                    uploads.add(pool.submit(() -> {
                        HttpResponse<String> r = send(sender, "POST", "/instances", instances.instance(k));
                        assertThat(r.statusCode()).isEqualTo(200);
                        return Json.MAPPER.readTree(r.body());
                    }));
                }
                for (Future<JsonNode> f : uploads) {
                    patients.add(f.get().get("ParentPatient").asText());
                }
            }
            String body = Json.MAPPER.writeValueAsString(patients);
            CompletableFuture<HttpResponse<String>> store = CompletableFuture.supplyAsync(() -> {
                try {
                    return send(sender, "POST", "/peers/receiver/store", body.getBytes());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            // Stop the receiver once some instances are in, then start it again on the same port and storage.
            long arrived = 0;
            for (int polls = 0; polls < 6000 && arrived < 25 && !store.isDone(); polls++) {
                arrived = json(receiver, "/statistics").get("CountInstances").asLong();
                Thread.sleep(5);
            }
            receiver.close();
            assertThat(store.isDone()).as("the store must still be running when the receiver stops").isFalse();
            receiver = start(dir.resolve("receiver"), receiverPort, "");

            HttpResponse<String> answer = store.get(5, TimeUnit.MINUTES);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode content = Json.MAPPER.readTree(answer.body());
            assertThat(content.get("InstancesCount").asInt()).isEqualTo(COUNT);
            assertThat(content.get("FailedInstancesCount").asInt()).isEqualTo(0);
            assertThat(json(receiver, "/statistics").get("CountInstances").asInt()).isEqualTo(COUNT);
            JsonNode changes = json(receiver, "/changes?type=NewInstance&limit=10000").get("Changes");
            assertThat(changes.size()).as("one NewInstance per instance: none stored twice").isEqualTo(COUNT);
        } finally {
            receiver.close();
        }
    }
}
