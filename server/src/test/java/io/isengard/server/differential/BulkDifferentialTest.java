package io.isengard.server.differential;

import static io.isengard.server.differential.RequestCase.get;
import static io.isengard.server.differential.RequestCase.request;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * /tools/bulk-content, /tools/bulk-delete, /tools/invalidate-tags and
 * reconstruction against the reference (rest-core.md §11). Labels are not
 * here: 1.10.1 has none (rest.LabelRoutesTest checks them against the spec).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulkDifferentialTest {
    private static final List<String> SAMPLES = List.of("Brainix/Epi/IM-0001-0001.dcm",
            "Brainix/Epi/IM-0001-0002.dcm", "Knee/T1/IM-0001-0001.dcm", "DummyCT.dcm");
    private static final String BRAINIX_PATIENT = "16738bc3-e47ed42a-43ce044c-a3414a45-cb069bd0";
    private static final String BRAINIX_INSTANCE = "1d429ccb-bdcc78a1-7d129d6a-ba4966ed-fe4dbd87";
    private static final String DUMMY_PATIENT = "6816cb19-844d5aee-85245eba-28e841e6-2414fae2";
    private static final String DUMMY_STUDY = "b9c08539-26f93bde-c81ab0d7-bffaf2cb-a4d0bdd0";
    private static final String DUMMY_SERIES = "f2635388-f01d497a-15f7c06b-ad7dba06-c4c599fe";
    private static final String DUMMY_INSTANCE = "66a662ce-7430e543-bad44d47-0dc5a943-ec7a538d";

    private static ServerPair servers;

    @BeforeAll
    static void start() {
        servers = ServerPair.start(ServerPair.openConfiguration());
        for (String sample : SAMPLES) {
            Path file = SampleFiles.get(sample);
            for (RestClient c : List.of(servers.reference(), servers.candidate())) {
                HttpAnswer a = c.postFile("/instances", file);
                if (a.status() != 200) {
                    throw new AssertionError(c.name() + " refused " + sample + ": " + a);
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    /** Resource JSON with its "Metadata": 1.10.1 lacks what later releases store. */
    private static final List<KnownDifference> CONTENT = KnownDifferences.concat(KnownDifferences.RESOURCES,
            List.of(KnownDifference.since("1.11.0", "/Body/*/Metadata/MainDicomTagsSignature",
                            "1.11.0+ stores the main tags signature of every resource (resources.md §10)",
                            Difference.Type.ONLY_IN_ISENGARD),
                    KnownDifference.volatileValue("/Body/*/Metadata/LastUpdate|ReceptionDate",
                            KnownDifference.TIMESTAMP, "time of the reception")));

    private static void run(String title, List<RequestCase> cases) {
        DiffReport report = new DiffReport(title, servers.referenceVersion());
        cases.forEach(c -> c.run(servers, report));
        report.finish();
    }

    private static RequestCase post(String uri, String body) {
        return request("POST", uri).body(body);
    }

    @Test
    @Order(1)
    void bulkContent() {
        run("/tools/bulk-content", List.of(
                post("/tools/bulk-content", "{\"Resources\": [\"" + DUMMY_SERIES + "\", \"nope\", \"" + DUMMY_PATIENT
                        + "\", \"" + DUMMY_INSTANCE + "\"]}").known(CONTENT),
                post("/tools/bulk-content", "{\"Resources\": [\"" + DUMMY_STUDY + "\", \"" + BRAINIX_PATIENT
                        + "\"], \"Level\": \"Instance\", \"Metadata\": false, \"Short\": true}").known(CONTENT),
                post("/tools/bulk-content", "{\"Resources\": [\"" + DUMMY_INSTANCE + "\", \"" + BRAINIX_INSTANCE
                        + "\", \"" + DUMMY_SERIES + "\"], \"Level\": \"Study\", \"Full\": true}").known(CONTENT),
                post("/tools/bulk-content", "{\"Resources\": []}").known(CONTENT),
                post("/tools/bulk-content", "{\"Resources\": \"" + DUMMY_SERIES + "\"}"),
                post("/tools/bulk-content", "{\"Resources\": [], \"Metadata\": \"yes\"}"),
                post("/tools/bulk-content", "{\"Resources\": [], \"Level\": \"Nope\"}"),
                post("/tools/bulk-content", "[]"),
                post("/tools/bulk-content", "not json")));
    }

    @Test
    @Order(2)
    void invalidateTagsAndReconstruction() {
        run("invalidate-tags, reconstruct", List.of(
                post("/tools/invalidate-tags", "").known(KnownDifferences.EMPTY_ANSWERS),
                request("POST", "/patients/" + DUMMY_PATIENT + "/reconstruct").known(KnownDifferences.EMPTY_ANSWERS),
                post("/studies/" + DUMMY_STUDY + "/reconstruct", "{}").known(KnownDifferences.EMPTY_ANSWERS),
                post("/instances/" + DUMMY_INSTANCE + "/reconstruct", "").known(KnownDifferences.EMPTY_ANSWERS),
                post("/series/nope/reconstruct", ""),
                post("/patients/" + DUMMY_STUDY + "/reconstruct", "").known(KnownDifferences.EMPTY_ANSWERS),
                post("/tools/reconstruct", "").known(KnownDifferences.EMPTY_ANSWERS),
                get("/patients/" + DUMMY_PATIENT).known(KnownDifferences.RESOURCES),
                get("/studies/" + DUMMY_STUDY).known(KnownDifferences.RESOURCES),
                get("/instances/" + BRAINIX_INSTANCE).known(KnownDifferences.RESOURCES),
                get("/instances/" + DUMMY_INSTANCE + "/attachments")));
    }

    /** Last: it deletes what the other tests read. */
    @Test
    @Order(3)
    void bulkDelete() {
        DiffReport report = new DiffReport("/tools/bulk-delete", servers.referenceVersion());
        for (RequestCase c : List.of(
                post("/tools/bulk-delete", "{\"Resources\": []}").known(KnownDifferences.EMPTY_ANSWERS),
                post("/tools/bulk-delete", "{\"Resources\": \"x\"}"),
                post("/tools/bulk-delete", "{}"),
                post("/tools/bulk-delete", "[\"" + DUMMY_PATIENT + "\"]"),
                post("/tools/bulk-delete", "{\"Resources\": [\"" + DUMMY_PATIENT + "\", \"" + BRAINIX_INSTANCE
                        + "\", \"nope\", \"" + DUMMY_INSTANCE + "\"]}").known(KnownDifferences.EMPTY_ANSWERS))) {
            c.run(servers, report);
        }
        JsonDiff set = JsonDiff.ordered().unordered("/Body");
        for (String uri : List.of("/patients", "/instances")) {
            report.compare("GET " + uri + " after the bulk deletion", servers.reference().get(uri),
                    servers.candidate().get(uri), set, KnownDifferences.HEADERS);
        }
        report.compare("GET /changes after the bulk deletion", servers.reference().get("/changes"),
                servers.candidate().get("/changes"), JsonDiff.ordered(), KnownDifferences.CHANGES);
        report.finish();
    }
}
