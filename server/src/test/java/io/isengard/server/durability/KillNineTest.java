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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability against a crash (the server issue's "Done means"): Isengard runs
 * as a separate process while four clients POST distinct instances (and a
 * fifth deletes some of those already acknowledged, whose files the server
 * removes in the background); it is killed with SIGKILL at several moments of
 * the load, restarted on the same storage each time, and then every instance
 * whose POST was answered 200 (and not deleted) must be listed with its file
 * byte for byte, every instance whose DELETE was answered 200 must be gone,
 * the storage area must hold exactly the files the index references (no
 * orphan), and nothing may stay pending.
 */
class KillNineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = "Brainix/Flair/IM-0001-0001.dcm";
    private static final int CLIENTS = 4;
    /** How long the load runs (after its first acknowledged upload) before each kill. */
    private static final long[] KILL_AFTER_MS = {1500, 2200, 3000};
    private static final String PENDING = ".isengard-pending";
    private static final String SQLITE_FILE = "isengard-index.db";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void sqliteIndexKeepsEveryAcknowledgedInstanceAndNoOrphan() throws Exception {
        crashAndRecover("\"IndexDirectory\": " + jsonString(dir.resolve("index")));
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void postgresqlIndexKeepsEveryAcknowledgedInstanceAndNoOrphan() throws Exception {
        LocalPostgres.withDatabase("isengard_kill9_", "the crash test on the PostgreSQL index", database ->
                crashAndRecover("\"PostgreSQL\": { \"EnableIndex\": true, \"Host\": \"127.0.0.1\", \"Port\": 5432,"
                        + " \"Database\": \"" + database + "\", \"Username\": \"postgres\" }"));
    }

    private void crashAndRecover(String indexConfig) throws Exception {
        Path storage = dir.resolve("storage");
        String config = "\"StorageDirectory\": " + jsonString(storage) + ", " + indexConfig
                + ", \"RemoteAccessAllowed\": true, \"AuthenticationEnabled\": false, \"StableAge\": 3600";
        SyntheticInstances instances = new SyntheticInstances(Samples.get(TEMPLATE), System.nanoTime());
        Ledger ledger = new Ledger();
        AtomicInteger next = new AtomicInteger();
        for (int round = 0; round < KILL_AFTER_MS.length; round++) {
            long t0 = System.nanoTime();
            try (IsengardProcess server = IsengardProcess.start(dir, config, "round-" + round)) {
                long t1 = System.nanoTime();
                if (round > 0) {
                    verify(server, instances, ledger, storage);
                }
                long t2 = System.nanoTime();
                int before = ledger.acknowledged.size();
                int deletedBefore = ledger.deleted.size();
                Load load = new Load(server, instances, next, ledger);
                load.start();
                assertThat(load.awaitFirstAnswer(30, TimeUnit.SECONDS))
                        .as("the first upload of round %d was answered; server log:\n%s", round, server.logTail())
                        .isTrue();
                Thread.sleep(KILL_AFTER_MS[round] + ThreadLocalRandom.current().nextLong(300));
                load.killing();
                long pid = server.pid();
                int status = server.killNine();
                assertThat(status).as("exit status of Isengard killed by SIGKILL").isEqualTo(128 + 9);
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                load.join();
                assertThat(load.failures).as("requests that failed before the kill").isEmpty();
                assertThat(ledger.acknowledged.size() - before).as("uploads acknowledged in round %d", round)
                        .isPositive();
                System.out.printf("round %d: started in %d ms, verified in %d ms; %d uploads acknowledged and"
                        + " %d deletions, then SIGKILL (%d uploads attempted in all)%n", round, (t1 - t0) / 1_000_000,
                        (t2 - t1) / 1_000_000, ledger.acknowledged.size() - before,
                        ledger.deleted.size() - deletedBefore, next.get());
            }
        }
        long t0 = System.nanoTime();
        try (IsengardProcess server = IsengardProcess.start(dir, config, "final")) {
            long t1 = System.nanoTime();
            verify(server, instances, ledger, storage);
            System.out.printf("final restart in %d ms, verified %d acknowledged instances (%d of them deleted)"
                    + " in %d ms%n", (t1 - t0) / 1_000_000, ledger.acknowledged.size(), ledger.deleted.size(),
                    (System.nanoTime() - t1) / 1_000_000);
        }
    }

    /**
     * What must hold after a restart: every acknowledged instance intact
     * unless its deletion was acknowledged, every acknowledged deletion done,
     * no orphan, nothing pending.
     */
    private void verify(IsengardProcess server, SyntheticInstances instances, Ledger ledger, Path storage)
            throws Exception {
        Set<String> listed = new HashSet<>();
        JSON.readTree(get(server, "/instances")).forEach(n -> listed.add(n.asText()));
        Map<Integer, String> missing = new TreeMap<>();
        Map<Integer, String> resurrected = new TreeMap<>();
        ledger.acknowledged.forEach((n, id) -> {
            if (ledger.deleted.containsKey(n)) {
                if (listed.contains(id)) {
                    resurrected.put(n, id);
                }
            } else if (!listed.contains(id) && !ledger.deleting.containsKey(n)) {
                missing.put(n, id);
            }
        });
        assertThat(missing).as("acknowledged instances lost by the crash; server log:\n%s", server.logTail())
                .isEmpty();
        assertThat(resurrected).as("instances whose deletion was acknowledged, listed again").isEmpty();
        for (Map.Entry<Integer, String> e : new TreeMap<>(ledger.acknowledged).entrySet()) {
            if (ledger.deleted.containsKey(e.getKey()) || !listed.contains(e.getValue())) {
                continue; // deleted, or a deletion cut by the kill that went through
            }
            byte[] file = getBytes(server, "/instances/" + e.getValue() + "/file");
            assertThat(file).as("file of acknowledged instance %s (upload %d)", e.getValue(), e.getKey())
                    .isEqualTo(instances.instance(e.getKey()));
        }

        Set<String> referenced = new TreeSet<>();
        for (String id : listed) {
            JsonNode info = JSON.readTree(get(server, "/instances/" + id + "/attachments/dicom/info"));
            referenced.add(info.get("Uuid").asText());
        }
        Set<String> stored = new TreeSet<>();
        List<Path> misplaced = new ArrayList<>();
        try (Stream<Path> files = Files.walk(storage)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(storage.resolve(PENDING)))
                    .filter(p -> !p.getFileName().toString().startsWith(SQLITE_FILE))
                    .forEach(p -> {
                        String uuid = p.getFileName().toString();
                        if (!storage.relativize(p).toString().equals(uuid.substring(0, 2) + "/"
                                + uuid.substring(2, 4) + "/" + uuid)) {
                            misplaced.add(p);
                        }
                        stored.add(uuid);
                    });
        }
        assertThat(misplaced).as("files outside the xx/yy/uuid layout").isEmpty();
        Set<String> orphans = new TreeSet<>(stored);
        orphans.removeAll(referenced);
        Set<String> lost = new TreeSet<>(referenced);
        lost.removeAll(stored);
        assertThat(orphans).as("files in the storage area that no attachment references").isEmpty();
        assertThat(lost).as("attachments whose file is missing").isEmpty();
        try (Stream<Path> pending = Files.walk(storage.resolve(PENDING))) {
            assertThat(pending.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock")))
                    .as("files left pending after recovery (the running server's lock aside)").isEmpty();
        }
    }

    private String get(IsengardProcess server, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return r.body();
    }

    private byte[] getBytes(IsengardProcess server, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
        return r.body();
    }

    private static String jsonString(Path p) {
        return JSON.valueToTree(p.toString()).toString();
    }

    /** What the clients were told: uploads and deletions answered 200, deletions cut by the kill. */
    private static final class Ledger {
        final Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
        final Map<Integer, String> deleted = new ConcurrentHashMap<>();
        /** Deletions sent but not answered when the server died: either outcome is right. */
        final Map<Integer, String> deleting = new ConcurrentHashMap<>();
    }

    /**
     * Four clients uploading distinct instances until the server dies, and
     * one deleting every third acknowledged instance of the series that no
     * upload goes to any more (so no series, study or patient becomes empty
     * while an upload may still add to it). Every 200 answer is recorded,
     * whenever it arrives; an error answer, or a failed connection before the
     * kill began, is a failure.
     */
    private final class Load {
        /** Uploads handed out after an instance before its series counts as complete. */
        private static final int SETTLED = 40;

        private final IsengardProcess server;
        private final SyntheticInstances instances;
        private final AtomicInteger next;
        private final Ledger ledger;
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final CountDownLatch firstAnswer = new CountDownLatch(1);
        private final List<Thread> clients = new ArrayList<>();
        private volatile boolean killing;

        Load(IsengardProcess server, SyntheticInstances instances, AtomicInteger next, Ledger ledger) {
            this.server = server;
            this.instances = instances;
            this.next = next;
            this.ledger = ledger;
        }

        void start() {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(Thread.ofPlatform().name("kill9-client-" + i).start(this::upload));
            }
            clients.add(Thread.ofPlatform().name("kill9-deleter").start(this::delete));
        }

        private void upload() {
            URI uri = URI.create(server.url("/instances"));
            while (!killing) {
                int n = next.getAndIncrement();
                byte[] body = instances.instance(n);
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/dicom")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        failures.add("upload " + n + ": HTTP " + r.statusCode() + " " + r.body());
                        return;
                    }
                    JsonNode answer = JSON.readTree(r.body());
                    if (!"Success".equals(answer.path("Status").asText())) {
                        failures.add("upload " + n + ": " + r.body());
                        return;
                    }
                    ledger.acknowledged.put(n, answer.get("ID").asText());
                    firstAnswer.countDown();
                } catch (IOException e) {
                    if (!killing) {
                        failures.add("upload " + n + " before the kill: " + e);
                    }
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private void delete() {
            while (!killing) {
                Map.Entry<Integer, String> victim = ledger.acknowledged.entrySet().stream()
                        .filter(e -> e.getKey() % 3 == 0 && e.getKey() < next.get() - SETTLED)
                        .filter(e -> !ledger.deleted.containsKey(e.getKey())
                                && !ledger.deleting.containsKey(e.getKey()))
                        .findAny().orElse(null);
                try {
                    if (victim == null) {
                        Thread.sleep(20);
                        continue;
                    }
                    ledger.deleting.put(victim.getKey(), victim.getValue());
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create(server.url("/instances/" + victim.getValue()))).DELETE()
                            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        failures.add("deletion of " + victim + ": HTTP " + r.statusCode() + " " + r.body());
                        return;
                    }
                    ledger.deleted.put(victim.getKey(), victim.getValue());
                    ledger.deleting.remove(victim.getKey());
                    Thread.sleep(30);
                } catch (IOException e) {
                    if (!killing) {
                        failures.add("deletion of " + victim + " before the kill: " + e);
                    }
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        boolean awaitFirstAnswer(long timeout, TimeUnit unit) throws InterruptedException {
            return firstAnswer.await(timeout, unit);
        }

        /** From now on a failed connection is the expected effect of the kill. */
        void killing() {
            killing = true;
        }

        void join() throws InterruptedException {
            for (Thread t : clients) {
                t.join(Duration.ofSeconds(90));
                assertThat(t.isAlive()).as("%s still running after the kill", t.getName()).isFalse();
            }
        }
    }
}
