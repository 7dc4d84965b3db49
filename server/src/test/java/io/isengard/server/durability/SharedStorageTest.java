package io.isengard.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isengard.server.testing.Samples;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL index and one storage folder, each in a
 * process of its own. A node starting (and recovering the storage area)
 * while the other ingests must not touch the other's files in flight; a
 * node killed with SIGKILL and never started again has its leftovers
 * recovered by the other node's next start.
 */
class SharedStorageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void nodesStartingBesideAnIngestingNodeLeaveItsFilesAloneAndRecoverAStoppedNodesLeftovers() throws Exception {
        LocalPostgres.withDatabase("isengard_shared_",
                "the shared storage test (several nodes need the PostgreSQL index)", this::run);
    }

    private void run(String database) throws Exception {
        Path storage = dir.resolve("storage");
        String config = "\"StorageDirectory\": " + JSON.valueToTree(storage.toString()) + ", \"PostgreSQL\": {"
                + " \"EnableIndex\": true, \"Host\": \"127.0.0.1\", \"Port\": 5432, \"Database\": \"" + database
                + "\", \"Username\": \"postgres\" }, \"RemoteAccessAllowed\": true, \"AuthenticationEnabled\": false,"
                + " \"StableAge\": 3600";
        SyntheticInstances instances = new SyntheticInstances(Samples.get("Brainix/Flair/IM-0001-0001.dcm"),
                System.nanoTime());
        Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));

        IsengardProcess a = IsengardProcess.start(dir.resolve("a"), config, "node-a");
        try {
            // 1. B starts (and stops) three times while A ingests: each start recovers the storage area.
            Load load = new Load(a, instances, next, acknowledged);
            load.start();
            for (int i = 0; i < 3; i++) {
                Thread.sleep(400);
                try (IsengardProcess b = IsengardProcess.start(dir.resolve("b"), config, "node-b-" + i)) {
                    assertThat(b.logTail()).as("B found nothing of its own to recover")
                            .doesNotContain("recovered the storage area");
                }
            }
            Thread.sleep(400);
            load.stop();
            assertThat(load.failures).as("uploads to A that failed while B started; A's log:\n%s", a.logTail())
                    .isEmpty();
            int beforeKill = acknowledged.size();
            assertThat(beforeKill).as("uploads acknowledged while B started").isGreaterThan(20);

            // 2. A dies in the middle of uploads and never comes back: B's next start recovers its folder.
            Load second = new Load(a, instances, next, acknowledged);
            second.start();
            Thread.sleep(1000);
            second.killing = true;
            a.killNine();
            second.join();
            assertThat(second.failures).isEmpty();
        } finally {
            a.close();
        }
        try (IsengardProcess b = IsengardProcess.start(dir.resolve("b"), config, "node-b-after")) {
            for (Map.Entry<Integer, String> e : acknowledged.entrySet()) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(
                        URI.create(b.url("/instances/" + e.getValue() + "/file"))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).as("file of acknowledged upload %d; B's log:\n%s", e.getKey(), b.logTail())
                        .isEqualTo(200);
                assertThat(r.body()).as("file of acknowledged upload %d", e.getKey())
                        .isEqualTo(instances.instance(e.getKey()));
            }
            try (Stream<Path> pending = Files.walk(storage.resolve(".isengard-pending"))) {
                assertThat(pending.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().equals(".lock")))
                        .as("files left pending once B recovered A's folder").isEmpty();
            }
        }
    }

    /** Clients uploading distinct instances until stopped; an error answer is a failure. */
    private final class Load {
        private final IsengardProcess server;
        private final SyntheticInstances instances;
        private final AtomicInteger next;
        private final Map<Integer, String> acknowledged;
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final List<Thread> clients = new ArrayList<>();
        private volatile boolean stopped;
        private volatile boolean killing;

        Load(IsengardProcess server, SyntheticInstances instances, AtomicInteger next,
                Map<Integer, String> acknowledged) {
            this.server = server;
            this.instances = instances;
            this.next = next;
            this.acknowledged = acknowledged;
        }

        void start() {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(Thread.ofPlatform().name("shared-client-" + i).start(this::upload));
            }
        }

        private void upload() {
            URI uri = URI.create(server.url("/instances"));
            while (!stopped && !killing) {
                int n = next.getAndIncrement();
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/dicom")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(instances.instance(n))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    JsonNode answer = r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
                    if (answer == null || !"Success".equals(answer.path("Status").asText())) {
                        failures.add("upload " + n + ": HTTP " + r.statusCode() + " " + r.body());
                        return;
                    }
                    acknowledged.put(n, answer.get("ID").asText());
                } catch (IOException e) {
                    if (!killing) {
                        failures.add("upload " + n + ": " + e);
                    }
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            stopped = true;
            join();
        }

        void join() throws InterruptedException {
            for (Thread t : clients) {
                t.join(Duration.ofSeconds(90));
                assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
            }
        }
    }
}
