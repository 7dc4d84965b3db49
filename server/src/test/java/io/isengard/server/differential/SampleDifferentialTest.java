package io.isengard.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.rest.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every sample file uploaded to the reference Orthanc and to Isengard (same
 * order), then every answer compared: uploads, resource lists, each
 * resource, child and parent routes, paging, /statistics, /changes, and the
 * tags of every instance.
 */
class SampleDifferentialTest {
    private static final String[] LEVELS = {"patients", "studies", "series", "instances"};

    /** Expanded lists: elements matched by ID, children arrays as sets. */
    private static final JsonDiff EXPANDED_LIST = KnownDifferences.RESOURCE_ARRAYS.unorderedBy("/Body", "ID");
    private static final JsonDiff ID_LIST = JsonDiff.ordered().unordered("/Body");

    /**
     * "expand" read as a Boolean (resources.md §8). The spec gives no version
     * for the top-level lists; 1.12.2 is when child routes took expand=false.
     */
    static final OrthancVersion BOOLEAN_EXPAND = OrthancVersion.parse("1.12.2");

    private record Upload(String sample, HttpAnswer reference, HttpAnswer isengard) {
    }

    private static ServerPair servers;
    private static final List<Upload> uploads = new ArrayList<>();
    private static HttpAnswer deeplyNestedAnswer;
    private static HttpAnswer systemAfterDeeplyNested;
    private static List<KnownDifference> sampleBugs = List.of();

    @BeforeAll
    static void uploadEverySampleToBoth() throws Exception {
        List<Path> files = SampleFiles.dicomFiles();
        ObjectNode config = ServerPair.openConfiguration();
        // No Stable* event and no IsStable flip while comparing.
        config.put("StableAge", 3600);
        // Durability is not what is compared here; fsync per file would triple the upload time.
        config.put("SyncStorageArea", false);
        servers = ServerPair.start(config);
        List<Path> toBoth = files.stream()
                .filter(f -> !f.getFileName().toString().equals(SampleFiles.DEEPLY_NESTED))
                .toList();
        // Each server gets the files in the same order (it decides /changes and creation order);
        // the two servers work in parallel.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<HttpAnswer>> ref = pool.submit(() -> uploadAll(servers.reference(), toBoth));
            Future<List<HttpAnswer>> isg = pool.submit(() -> uploadAll(servers.candidate(), toBoth));
            List<HttpAnswer> r = ref.get();
            List<HttpAnswer> g = isg.get();
            for (int i = 0; i < toBoth.size(); i++) {
                uploads.add(new Upload(SampleFiles.name(toBoth.get(i)), r.get(i), g.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
        servers.orthanc().assertAlive();
        sampleBugs = sampleBugs();
        for (Path f : files) {
            if (f.getFileName().toString().equals(SampleFiles.DEEPLY_NESTED)) {
                long t0 = System.nanoTime();
                deeplyNestedAnswer = servers.candidate().postFile("/instances", f);
                System.out.printf("Isengard: %s answered in %d ms%n", SampleFiles.DEEPLY_NESTED,
                        (System.nanoTime() - t0) / 1_000_000);
                systemAfterDeeplyNested = servers.candidate().get("/system");
            }
        }
    }

    private static List<HttpAnswer> uploadAll(RestClient client, List<Path> files) {
        long t0 = System.nanoTime();
        List<HttpAnswer> answers = new ArrayList<>();
        for (Path f : files) {
            answers.add(client.postFile("/instances", f));
        }
        System.out.printf("%s: %d files uploaded in %d ms%n", client.name(), files.size(),
                (System.nanoTime() - t0) / 1_000_000);
        return answers;
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static DiffReport report(String title) {
        return new DiffReport(title, servers.referenceVersion(), sampleBugs);
    }

    /**
     * The known bugs of {@link KnownDifferences#KNOWN_BUG_SAMPLES}: the upload
     * of the sample, and every difference naming an ID that differs.
     */
    private static List<KnownDifference> sampleBugs() {
        List<KnownDifference> bugs = new ArrayList<>();
        KnownDifferences.KNOWN_BUG_SAMPLES.forEach((sample, reason) -> {
            for (Upload u : uploads) {
                if (!u.sample().equals(sample)) {
                    continue;
                }
                bugs.add(KnownDifference.bug("/**", reason).inCases("^POST /instances " + Pattern.quote(sample) + "$"));
                JsonNode r = u.reference().jsonOrNull();
                JsonNode g = u.isengard().jsonOrNull();
                Set<String> ids = new TreeSet<>();
                for (String key : List.of("ID", "ParentSeries", "ParentStudy", "ParentPatient")) {
                    String a = r == null ? null : r.path(key).asText(null);
                    String b = g == null ? null : g.path(key).asText(null);
                    if (a != null && !a.equals(b)) {
                        ids.add(a);
                    }
                    if (b != null && !b.equals(a)) {
                        ids.add(b);
                    }
                }
                if (!ids.isEmpty()) {
                    bugs.add(KnownDifference.bug("/**", reason).mentioning(ids, "the IDs " + sample + " gets"));
                }
            }
        });
        return bugs;
    }

    private static RestClient ref() {
        return servers.reference();
    }

    private static RestClient isg() {
        return servers.candidate();
    }

    @Test
    void uploadAnswersAreTheSame() {
        Pending.requireDictionary();
        DiffReport report = report("POST /instances, every sample");
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Upload u : uploads) {
            boolean error = u.reference().status() >= 400 || u.isengard().status() >= 400;
            report.compare("POST /instances " + u.sample(), u.reference(), u.isengard(), JsonDiff.ordered(),
                    error ? KnownDifferences.ERRORS : KnownDifferences.HEADERS);
            String outcome = u.reference().status() == 200 ? u.reference().json().path("Status").asText()
                    : "HTTP " + u.reference().status();
            outcomes.merge(outcome, 1, Integer::sum);
        }
        report.note(uploads.size() + " samples uploaded to both; Orthanc's outcomes: " + outcomes);
        report.finish();
    }

    @Test
    void deeplyNestedSequenceIsRefusedByIsengardWhichKeepsRunning() {
        SampleFiles.get(SampleFiles.DEEPLY_NESTED);
        assertThat(deeplyNestedAnswer.status())
                .as("Isengard's answer to %s (never sent to Orthanc 1.10.1: it segfaults)", SampleFiles.DEEPLY_NESTED)
                .isEqualTo(400);
        assertThat(systemAfterDeeplyNested.status()).as("GET /system after it").isEqualTo(200);
    }

    @Test
    void listsOfEveryLevelAreTheSame() {
        Pending.requireDictionary();
        DiffReport report = report("resource lists");
        for (String level : LEVELS) {
            report.compare("GET /" + level, ref().get("/" + level), isg().get("/" + level), ID_LIST,
                    KnownDifferences.HEADERS);
            for (String args : List.of("?expand", "?expand&short", "?expand&full", "?expand=true", "?expand=1")) {
                String uri = "/" + level + args;
                report.compare("GET " + uri, ref().get(uri), isg().get(uri), EXPANDED_LIST,
                        KnownDifferences.RESOURCES);
            }
            // resources.md §8: expand=false/0 list IDs. 1.10 expands whenever the argument is present.
            for (String args : List.of("?expand=false", "?expand=0")) {
                String uri = "/" + level + args;
                if (servers.referenceVersion().isOlderThan(BOOLEAN_EXPAND)) {
                    report.compare("GET " + uri + " (Isengard) vs GET /" + level + " (Orthanc)", ref().get("/" + level),
                            isg().get(uri), ID_LIST, KnownDifferences.HEADERS);
                    report.note("GET " + uri + ": Orthanc " + servers.referenceVersion()
                            + " expands, Isengard lists IDs (compared with Orthanc's GET /" + level + ") [1.10 diff]");
                } else {
                    report.compare("GET " + uri, ref().get(uri), isg().get(uri), ID_LIST, KnownDifferences.HEADERS);
                }
            }
        }
        report.finish();
    }

    @Test
    void everyResourceIsTheSame() {
        Pending.requireDictionary();
        DiffReport report = report("every resource, GET /{level}/{id}");
        List<String> uris = new ArrayList<>();
        for (String level : LEVELS) {
            idsOnEitherSide(level).forEach(id -> uris.add("/" + level + "/" + id));
        }
        for (ServerPair.Answers a : servers.getAll(uris)) {
            report.compare("GET " + a.uri(), a.reference(), a.isengard(), KnownDifferences.RESOURCE_ARRAYS,
                    KnownDifferences.RESOURCES);
        }
        report.finish();
    }

    @Test
    void childAndParentRoutesAreTheSame() {
        Pending.requireDictionary();
        DiffReport report = report("child and parent routes");
        Map<String, List<String>> routes = Map.of(
                "patients", List.of("studies", "series", "instances"),
                "studies", List.of("series", "instances", "patient"),
                "series", List.of("instances", "study", "patient"),
                "instances", List.of("series", "study", "patient"));
        List<String> uris = new ArrayList<>();
        for (String level : LEVELS) {
            for (String id : ids(ref(), level)) {
                routes.get(level).forEach(sub -> uris.add("/" + level + "/" + id + "/" + sub));
            }
        }
        for (ServerPair.Answers a : servers.getAll(uris)) {
            // Lists of descendants vs a single ancestor (patient, study, or an instance's series).
            String[] parts = a.uri().split("/");
            boolean list = !parts[1].equals("instances") && !parts[3].equals("patient") && !parts[3].equals("study");
            report.compare("GET " + a.uri(), a.reference(), a.isengard(),
                    list ? EXPANDED_LIST : KnownDifferences.RESOURCE_ARRAYS, KnownDifferences.RESOURCES);
        }
        report.finish();
    }

    /** resources.md §8: 1.12.2+ accepts expand=false on child routes; 1.10 always expands. */
    @Test
    void childRoutesWithoutExpansion() {
        Pending.requireDictionary();
        DiffReport report = report("child routes with ?expand=false");
        OrthancVersion since = OrthancVersion.parse("1.12.2");
        for (String[] r : new String[][] {{"patients", "studies"}, {"patients", "instances"}, {"studies", "series"},
                {"series", "instances"}}) {
            for (String id : ids(ref(), r[0]).stream().limit(5).toList()) {
                String uri = "/" + r[0] + "/" + id + "/" + r[1];
                HttpAnswer isengard = isg().get(uri + "?expand=false");
                if (servers.referenceVersion().isOlderThan(since)) {
                    ArrayNode expectedIds = Json.array();
                    ref().get(uri).json().forEach(o -> expectedIds.add(o.get("ID").asText()));
                    HttpAnswer reference = ref().get(uri + "?expand=false");
                    report.expect("GET " + uri + "?expand=false", "expand=false lists the IDs",
                            isengard.status() == 200 && sameSet(expectedIds, isengard.jsonOrNull()),
                            "200 " + expectedIds, isengard.toString());
                    report.note("GET " + uri + "?expand=false: Orthanc " + servers.referenceVersion()
                            + " answers expanded objects (" + reference.status() + "), Isengard IDs [1.10 diff]");
                } else {
                    report.compare("GET " + uri + "?expand=false", ref().get(uri + "?expand=false"), isengard,
                            ID_LIST, KnownDifferences.RESOURCES);
                }
            }
        }
        report.finish();
    }

    @Test
    void pagingCoversEveryResourceOnce() {
        Pending.requireDictionary();
        DiffReport report = report("paging with since/limit");
        for (String level : LEVELS) {
            Set<String> all = new LinkedHashSet<>(ids(ref(), level));
            List<Integer> refPages = new ArrayList<>();
            List<Integer> isgPages = new ArrayList<>();
            List<String> refSeen = page(ref(), level, refPages);
            List<String> isgSeen = page(isg(), level, isgPages);
            report.compare("paging /" + level + " (page sizes, limit=7)", Json.MAPPER.valueToTree(refPages),
                    Json.MAPPER.valueToTree(isgPages), JsonDiff.ordered(), List.of());
            Set<String> isengardAll = new LinkedHashSet<>(ids(isg(), level));
            report.expect("paging /" + level, "Orthanc's pages cover each of its resources once",
                    refSeen.size() == all.size() && all.equals(new LinkedHashSet<>(refSeen)), all.toString(),
                    refSeen.toString());
            report.expect("paging /" + level, "pages cover each resource once (resources.md §8)",
                    isgSeen.size() == isengardAll.size() && isengardAll.equals(new LinkedHashSet<>(isgSeen)),
                    isengardAll.toString(), isgSeen.toString());
            // resources.md §8: limit=0 means "no limit" in 1.12.5+, [] before.
            String uri = "/" + level + "?since=1&limit=0";
            if (servers.referenceVersion().isOlderThan(OrthancVersion.parse("1.12.5"))) {
                HttpAnswer a = isg().get(uri);
                report.expect("GET " + uri, "limit=0 means no limit", a.status() == 200
                        && a.jsonOrNull() != null && a.json().size() == all.size() - 1,
                        (all.size() - 1) + " IDs", a.toString());
                report.note("GET " + uri + ": Orthanc " + servers.referenceVersion() + " answers "
                        + ref().get(uri).text().replaceAll("\\s+", "") + " [1.10 diff]");
            } else {
                report.compare("GET " + uri, ref().get(uri), isg().get(uri), ID_LIST, KnownDifferences.HEADERS);
            }
        }
        report.note("top-level lists: Orthanc 1.10 pages in creation order, Isengard in ID order (1.12.11 "
                + "samples); only page sizes and coverage are compared");
        report.finish();
    }

    private static List<String> page(RestClient client, String level, List<Integer> sizes) {
        List<String> seen = new ArrayList<>();
        for (int since = 0; since < 100_000; since += 7) {
            HttpAnswer a = client.get("/" + level + "?since=" + since + "&limit=7");
            assertThat(a.status()).as("%s GET /%s?since=%d&limit=7: %s", client.name(), level, since, a)
                    .isEqualTo(200);
            JsonNode page = a.json();
            sizes.add(page.size());
            if (page.isEmpty()) {
                break;
            }
            page.forEach(id -> seen.add(id.asText()));
        }
        return seen;
    }

    @Test
    void statisticsAreTheSame() {
        Pending.requireDictionary();
        DiffReport report = report("/statistics");
        report.compare("GET /statistics", ref().get("/statistics"), isg().get("/statistics"), JsonDiff.ordered(),
                KnownDifferences.HEADERS);
        report.finish();
    }

    @Test
    void changesAreTheSame() {
        Pending.requireDictionary();
        Pending.requireRoute(isg().get("/changes"), "GET /changes");
        DiffReport report = report("/changes");
        long since = 0;
        for (int pages = 0; pages < 1000; pages++) {
            String uri = "/changes?since=" + since + "&limit=100";
            HttpAnswer reference = ref().get(uri);
            report.compare("GET " + uri, reference, isg().get(uri), JsonDiff.ordered(), KnownDifferences.CHANGES);
            JsonNode body = reference.json();
            if (body.path("Done").asBoolean(true) || body.path("Changes").isEmpty()) {
                break;
            }
            since = body.path("Last").asLong();
        }
        for (String uri : List.of("/changes", "/changes?last", "/changes?limit=0", "/changes?since=5&limit=3",
                "/changes?since=1000000&limit=10", "/changes?since=x&limit=y")) {
            report.compare("GET " + uri, ref().get(uri), isg().get(uri), JsonDiff.ordered(),
                    KnownDifferences.CHANGES);
        }
        report.finish();
    }

    @Test
    void tagsOfEveryInstanceAreTheSame() {
        Pending.requireDictionary();
        compareInstanceRoute("tags", "/tags");
    }

    @Test
    void shortTagsOfEveryInstanceAreTheSame() {
        Pending.requireDictionary();
        compareInstanceRoute("tags", "/tags?short");
    }

    @Test
    void simplifiedTagsOfEveryInstanceAreTheSame() {
        Pending.requireDictionary();
        compareInstanceRoute("simplified-tags", "/simplified-tags");
    }

    private void compareInstanceRoute(String route, String suffix) {
        List<String> instances = ids(ref(), "instances");
        assertThat(instances).as("instances stored by Orthanc").isNotEmpty();
        Pending.requireRoute(isg().get("/instances/" + instances.get(0) + "/" + route),
                "GET /instances/{id}/" + route);
        DiffReport report = report("GET /instances/{id}" + suffix + ", every instance");
        for (ServerPair.Answers a : servers.getAll(instances.stream().map(id -> "/instances/" + id + suffix).toList())) {
            report.compare("GET " + a.uri(), a.reference(), a.isengard(), JsonDiff.ordered(), KnownDifferences.TAGS);
        }
        report.finish();
    }

    private static List<String> ids(RestClient client, String level) {
        HttpAnswer a = client.get("/" + level);
        assertThat(a.status()).as("%s GET /%s: %s", client.name(), level, a).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        a.json().forEach(n -> ids.add(n.asText()));
        return ids;
    }

    private static Set<String> idsOnEitherSide(String level) {
        Set<String> s = new LinkedHashSet<>(ids(ref(), level));
        s.addAll(ids(isg(), level));
        return s;
    }

    private static boolean sameSet(JsonNode a, JsonNode b) {
        if (a == null || b == null || !a.isArray() || !b.isArray() || a.size() != b.size()) {
            return false;
        }
        Set<String> x = new java.util.HashSet<>();
        a.forEach(n -> x.add(n.asText()));
        Set<String> y = new java.util.HashSet<>();
        b.forEach(n -> y.add(n.asText()));
        return x.equals(y);
    }
}
