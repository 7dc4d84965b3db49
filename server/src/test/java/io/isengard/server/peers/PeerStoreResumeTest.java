package io.isengard.server.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.Server;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.index.Index;
import io.isengard.server.index.jdbc.SqliteIndexFactory;
import io.isengard.server.jobs.StepResult;
import io.isengard.server.resources.InstanceFiles;
import io.isengard.server.rest.Json;
import io.isengard.server.storage.AttachmentStore;
import io.isengard.server.storage.FilesystemStorageArea;
import io.isengard.server.testing.Samples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PeerStore} as the jobs engine will drive it: stopped between
 * instances (pause), rebuilt from its saved cursor, size and failed set,
 * run to the end; every instance reaches the peer, none twice. And
 * {@link PeerStoreJob}'s steps, which share one connection to the peer.
 */
class PeerStoreResumeTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private Server start(String name) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        Path config = folder.resolve("config.json");
        Files.writeString(config, "{ \"HttpPort\" : 0, \"DicomPort\" : 0, \"StorageDirectory\" : \"" + folder.resolve("storage") + "\" }");
        return Server.start(ConfigurationLoader.withSystemEnvironment().load(config));
    }

    private HttpResponse<String> send(Server s, String method, String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The sender's files: Brainix/Flair stored by a real server that is then closed (its index and
     * storage are read by the tests). Adds the instances' IDs to {@code instances}; returns the study.
     */
    private String storeInASender(List<String> instances) throws Exception {
        String study = null;
        try (Server sender = start("sender"); Stream<Path> s = Files.list(Samples.get("Brainix/Flair"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                HttpResponse<String> r = send(sender, "POST", "/instances", Files.readAllBytes(f));
                assertThat(r.statusCode()).isEqualTo(200);
                JsonNode a = Json.MAPPER.readTree(r.body());
                instances.add(a.get("ID").asText());
                study = a.get("ParentStudy").asText();
            }
        }
        return study;
    }

    @Test
    void aStoreStoppedBetweenInstancesResumesAtItsCursor() throws Exception {
        List<String> instances = new ArrayList<>();
        String study = storeInASender(instances);
        Path storage = dir.resolve("sender").resolve("storage");
        try (Server receiver = start("receiver"); Index index = SqliteIndexFactory.open(storage)) {
            InstanceFiles files = new InstanceFiles(index, new AttachmentStore(new FilesystemStorageArea(storage, false),
                    false, false));
            OrthancPeer peer = OrthancPeer.parse("receiver",
                    Json.MAPPER.readTree("[\"http://127.0.0.1:" + receiver.httpPort() + "\"]"), null);
            PeerStore.Options options = new PeerStore.Options(false, null, false);

            PeerStore first = new PeerStore(peer, OutgoingHttp.defaults(), files, "REST API", List.of(study), instances,
                    options, 0, 0, java.util.Set.of(), RetryPolicy.DEFAULT, 2);
            AtomicInteger asked = new AtomicInteger();
            try (PeerConnection c = first.connect()) {
                first.run(c, () -> asked.incrementAndGet() > 5); // "pause" after a few instances
            }
            int cursor = first.cursor();
            assertThat(cursor).isPositive().isLessThan(instances.size());
            assertThat(first.progress()).isEqualTo((double) cursor / instances.size());

            // What a job would save, then a new object from it, as after a restart.
            PeerStore resumed = new PeerStore(peer, OutgoingHttp.defaults(), files, "REST API", List.of(study),
                    instances, options, cursor, first.size(), first.failedInstances(), RetryPolicy.DEFAULT, 2);
            try (PeerConnection c = resumed.connect()) {
                resumed.run(c, () -> false);
            }
            assertThat(resumed.cursor()).isEqualTo(instances.size());
            assertThat(resumed.progress()).isEqualTo(1.0);
            ObjectNode content = resumed.content();
            assertThat(content.get("InstancesCount").asInt()).isEqualTo(instances.size());
            assertThat(content.get("FailedInstancesCount").asInt()).isZero();
            assertThat(Long.parseLong(content.get("Size").asText())).isGreaterThanOrEqualTo(
                    instances.stream().mapToLong(id -> files.locate(id).file().uncompressedSize()).sum());

            JsonNode received = Json.MAPPER.readTree(send(receiver, "GET", "/instances", null).body());
            assertThat(received).hasSize(instances.size());
            JsonNode changes = Json.MAPPER.readTree(send(receiver, "GET", "/changes?type=NewInstance&limit=1000", null)
                    .body()).get("Changes");
            assertThat(changes).as("each instance stored once").hasSize(instances.size());
        }
    }

    @Test
    void theStepsOfAStoreJobShareTheirConnectionsUntilTheWorkerLeaves() throws Exception {
        List<String> instances = new ArrayList<>();
        String study = storeInASender(instances);
        Path storage = dir.resolve("sender").resolve("storage");
        try (Server receiver = start("receiver"); CountingRelay relay = new CountingRelay(receiver.httpPort());
                Index index = SqliteIndexFactory.open(storage)) {
            InstanceFiles files = new InstanceFiles(index, new AttachmentStore(new FilesystemStorageArea(storage, false),
                    false, false));
            OrthancPeer peer = OrthancPeer.parse("receiver",
                    Json.MAPPER.readTree("[\"http://127.0.0.1:" + relay.port() + "\"]"), null);
            PeerStoreJob job = new PeerStoreJob(new PeerStoreJob.Definition(peer, "REST API", List.of(study),
                    instances, new PeerStore.Options(false, null, false)), OutgoingHttp.defaults(), files,
                    RetryPolicy.DEFAULT, 2, 0, 0, java.util.Set.of(), java.time.Duration.ZERO);
            int steps = 1;
            while (job.step().outcome() == StepResult.Outcome.CONTINUE) {
                steps++;
            }
            assertThat(steps).as("steps that end as soon as the cursor moved").isGreaterThan(2);
            assertThat(relay.accepted()).as("connections opened by %d steps, 2 instances in flight", steps)
                    .isBetween(1, 2);
            assertThat(Json.MAPPER.readTree(send(receiver, "GET", "/instances", null).body())).hasSize(instances.size());

            job.stop();
            for (int i = 0; i < 100 && relay.open() > 0; i++) {
                Thread.sleep(50);
            }
            assertThat(relay.open()).as("connections left open once the worker left the job").isZero();
        }
    }

    /** A TCP relay to a local port that counts the connections made through it. */
    private static final class CountingRelay implements AutoCloseable {
        private final java.net.ServerSocket server = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();
        private final AtomicInteger open = new AtomicInteger();

        CountingRelay(int target) throws java.io.IOException {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        java.net.Socket in = server.accept();
                        java.net.Socket out = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), target);
                        accepted.incrementAndGet();
                        open.incrementAndGet();
                        Thread.ofVirtual().start(() -> pump(out, in));
                        Thread.ofVirtual().start(() -> {
                            pump(in, out);
                            open.decrementAndGet();
                        });
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
        }

        /** Copies until either side closes, then closes both. */
        private static void pump(java.net.Socket from, java.net.Socket to) {
            try (from; to) {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (java.io.IOException closed) {
                // the other direction closed the sockets
            }
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        int open() {
            return open.get();
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }
}
