package io.isengard.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stability (resources.md §7) with a short StableAge: IsStable before and
 * after, and the Stable* entries of /changes (type, resource, order). Two
 * series of one study and a second patient, uploaded faster than StableAge
 * so that the order of events does not depend on timing.
 */
class StabilityDifferentialTest {
    private static final int STABLE_AGE = 4;
    private static final List<String> SAMPLES = List.of("Brainix/Epi/IM-0001-0001.dcm",
            "Brainix/Flair/IM-0001-0001.dcm", "Knee/T1/IM-0001-0001.dcm");

    private static ServerPair servers;
    private static long slowestUploadMillis;
    private static final List<String> resources = new ArrayList<>();
    private static final List<ServerPair.Answers> beforeStable = new ArrayList<>();

    @BeforeAll
    static void uploadAndWaitForStability() throws Exception {
        List<Path> files = SAMPLES.stream().map(SampleFiles::get).toList();
        ObjectNode config = ServerPair.openConfiguration();
        config.put("StableAge", STABLE_AGE);
        servers = ServerPair.start(config);
        CompletableFuture<Long> r = CompletableFuture.supplyAsync(() -> upload(servers.reference(), files));
        CompletableFuture<Long> g = CompletableFuture.supplyAsync(() -> upload(servers.candidate(), files));
        slowestUploadMillis = Math.max(r.get(), g.get());
        for (String level : List.of("patients", "studies", "series")) {
            for (JsonNode id : servers.reference().get("/" + level).json()) {
                resources.add("/" + level + "/" + id.asText());
            }
        }
        beforeStable.addAll(servers.getAll(resources));
        long deadline = System.currentTimeMillis() + 1000L * (STABLE_AGE + 20);
        while (!allStable(servers.reference()) || !allStable(servers.candidate())) {
            if (System.currentTimeMillis() > deadline) {
                break;
            }
            Thread.sleep(250);
        }
    }

    private static long upload(RestClient client, List<Path> files) {
        long t0 = System.nanoTime();
        for (Path f : files) {
            HttpAnswer a = client.postFile("/instances", f);
            if (a.status() != 200) {
                throw new AssertionError(client.name() + " refused " + f + ": " + a);
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static boolean allStable(RestClient client) {
        for (String uri : resources) {
            if (!client.get(uri).json().path("IsStable").asBoolean(false)) {
                return false;
            }
        }
        return true;
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void resourcesAreUnstableThenStable() {
        Pending.requireDictionary();
        DiffReport report = new DiffReport("IsStable, StableAge=" + STABLE_AGE, servers.referenceVersion());
        Assumptions.assumeTrue(slowestUploadMillis < STABLE_AGE * 1000L / 2,
                "uploading took " + slowestUploadMillis + " ms: too slow a machine to see resources unstable");
        for (ServerPair.Answers a : beforeStable) {
            report.compare("GET " + a.uri() + " right after the uploads", a.reference(), a.isengard(),
                    KnownDifferences.RESOURCE_ARRAYS, KnownDifferences.RESOURCES);
        }
        for (ServerPair.Answers a : servers.getAll(resources)) {
            report.compare("GET " + a.uri() + " after StableAge", a.reference(), a.isengard(),
                    KnownDifferences.RESOURCE_ARRAYS, KnownDifferences.RESOURCES);
            assertThat(a.reference().json().path("IsStable").asBoolean())
                    .as("Orthanc: %s stable %d s after the uploads", a.uri(), STABLE_AGE + 20).isTrue();
        }
        report.finish();
    }

    @Test
    void stableEventsAreLoggedAlike() {
        Pending.requireRoute(servers.candidate().get("/changes"), "GET /changes");
        Assumptions.assumeTrue(slowestUploadMillis < STABLE_AGE * 1000L / 2,
                "uploading took " + slowestUploadMillis + " ms: the order of Stable* events would depend on timing");
        DiffReport report = new DiffReport("/changes with Stable* events", servers.referenceVersion());
        report.compare("GET /changes", servers.reference().get("/changes"), servers.candidate().get("/changes"),
                JsonDiff.ordered(), KnownDifferences.CHANGES);
        report.finish();
    }
}
