package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.dictionary.ElementDictionary;
import io.isengard.server.TestServer;
import io.isengard.server.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Random /tools/find queries over the sample files, each answer compared with
 * a brute-force filter of the tags the server shows for every resource
 * (GET /{level}?expand&short: own main tags, the study's copy of the patient
 * tags, the ancestors' tags), with the spec's rules written here again
 * independently (rest-core.md §9): range for DA/DT/TM with '-', list with
 * '\', wildcard with '*' or '?', exact otherwise; case folded unless
 * CaseSensitive. Paging (Since/Limit) must cut the same list, and
 * count-resources must count it. Run on SQLite and PostgreSQL.
 */
abstract class FindPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] LEVELS = {"Patient", "Study", "Series", "Instance"};
    private static final String[] SEGMENTS = {"patients", "studies", "series", "instances"};
    private static final long SEED = Long.getLong("isengard.find.seed", 20261129L);
    private static final int QUERIES = 400;

    private static TestServer server;
    /** Per level: resource ID → tags (gggg,eeee → value) visible to a query at that level. */
    private static final List<Map<String, Map<String, String>>> VISIBLE = new ArrayList<>();

    /** Starts the server with the subclass's extra configuration and stores every sample in it. */
    static void startWith(String extraConfig) throws Exception {
        server = TestServer.start(extraConfig);
        List<Path> files;
        try (Stream<Path> s = Files.walk(Samples.dir())) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".dcm"))
                    .filter(p -> !p.getFileName().toString().contains("Deeply-Nested")).sorted().toList();
        }
        for (Path f : files) {
            server.post("/instances", Files.readAllBytes(f)); // some samples are refused: fine
        }
        VISIBLE.clear();
        Map<String, JsonNode> byId = new HashMap<>();
        for (String segment : SEGMENTS) {
            for (JsonNode r : JSON.readTree(server.get("/" + segment + "?expand&short").body())) {
                byId.put(r.get("ID").asText(), r);
            }
        }
        for (int level = 0; level < 4; level++) {
            Map<String, Map<String, String>> visible = new TreeMap<>();
            for (JsonNode r : JSON.readTree(server.get("/" + SEGMENTS[level] + "?expand&short").body())) {
                Map<String, String> tags = new LinkedHashMap<>();
                JsonNode a = r;
                while (a != null) {
                    String type = a.get("Type").asText();
                    if (!type.equals("Patient") || level == 0) { // below the patient, the study's copy counts
                        strings(a.get("MainDicomTags"), tags);
                    }
                    if (type.equals("Study")) {
                        strings(a.get("PatientMainDicomTags"), tags);
                    }
                    JsonNode parent = a.get(parentKey(type));
                    a = parent == null ? null : byId.get(parent.asText());
                }
                visible.put(r.get("ID").asText(), tags);
            }
            VISIBLE.add(visible);
        }
    }

    private static String parentKey(String type) {
        return switch (type) {
            case "Study" -> "ParentPatient";
            case "Series" -> "ParentStudy";
            case "Instance" -> "ParentSeries";
            default -> "none";
        };
    }

    private static void strings(JsonNode tags, Map<String, String> into) {
        if (tags != null) {
            tags.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    into.putIfAbsent(e.getKey(), e.getValue().asText());
                }
            });
        }
    }

    @AfterAll
    static void stop() throws IOException {
        TestServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }

    @Test
    void findAgreesWithABruteForceFilter() throws Exception {
        assertThat(VISIBLE.get(1)).as("studies stored from the samples").hasSizeGreaterThan(10);
        Random random = new Random(SEED);
        int nonEmpty = 0;
        for (int i = 0; i < QUERIES; i++) {
            int level = random.nextInt(4);
            boolean caseSensitive = random.nextInt(4) == 0;
            Map<String, String> query = new LinkedHashMap<>();
            int constraints = 1 + random.nextInt(2);
            for (int c = 0; c < constraints; c++) {
                Map.Entry<String, String> q = randomConstraint(random, VISIBLE.get(level));
                if (q != null) {
                    query.put(q.getKey(), q.getValue());
                }
            }
            Set<String> expected = new TreeSet<>();
            VISIBLE.get(level).forEach((id, tags) -> {
                if (query.entrySet().stream().allMatch(e -> matches(e.getKey(), e.getValue(),
                        tags.get(e.getKey()), caseSensitive))) {
                    expected.add(id);
                }
            });
            ObjectNode body = JSON.createObjectNode();
            body.put("Level", LEVELS[level]);
            body.put("CaseSensitive", caseSensitive);
            ObjectNode q = body.putObject("Query");
            query.forEach(q::put);
            String what = "query " + i + " (seed " + SEED + "): " + body;
            List<String> found = ids(body);
            assertThat(new TreeSet<>(found)).as(what).isEqualTo(expected);
            assertThat(found).as(what + ": each once").doesNotHaveDuplicates();
            nonEmpty += expected.isEmpty() ? 0 : 1;
            if (!caseSensitive) {
                ObjectNode count = body.deepCopy();
                count.remove("CaseSensitive");
                JsonNode answer = JSON.readTree(server.post("/tools/count-resources",
                        JSON.writeValueAsBytes(count)).body());
                assertThat(answer.path("Count").asLong()).as(what + ": count-resources").isEqualTo(expected.size());
            }
            int since = random.nextInt(3);
            int limit = 1 + random.nextInt(3);
            body.put("Since", since);
            body.put("Limit", limit);
            List<String> page = found.subList(Math.min(since, found.size()), Math.min(since + limit, found.size()));
            assertThat(ids(body)).as(what + ": the page Since " + since + " Limit " + limit).isEqualTo(page);
        }
        assertThat(nonEmpty).as("queries that match something (the generator's worth)").isGreaterThan(QUERIES / 3);
    }

    private static List<String> ids(ObjectNode body) throws Exception {
        var answer = server.post("/tools/find", JSON.writeValueAsBytes(body));
        assertThat(answer.statusCode()).as(body + " → " + answer.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(answer.body()).forEach(n -> ids.add(n.asText()));
        return ids;
    }

    /** A constraint built from a value some resource has (so that queries match), in one of the spec's forms. */
    private static Map.Entry<String, String> randomConstraint(Random random, Map<String, Map<String, String>> level) {
        List<Map<String, String>> resources = new ArrayList<>(level.values());
        Map<String, String> tags = resources.get(random.nextInt(resources.size()));
        List<String> keys = new ArrayList<>(tags.keySet());
        keys.removeIf(k -> k.equals("0008,0201")); // TimezoneOffsetFromUTC is never matched
        if (keys.isEmpty()) {
            return null;
        }
        String key = keys.get(random.nextInt(keys.size()));
        String value = tags.get(key);
        VR vr = ElementDictionary.vrOf((int) Tag.parse(key));
        boolean wildcards = switch (vr) {
            case AE, CS, LO, LT, PN, SH, ST, UC, UR, UT -> true;
            default -> false;
        };
        boolean dateOrTime = vr == VR.DA || vr == VR.DT || vr == VR.TM;
        String other = resources.get(random.nextInt(resources.size())).getOrDefault(key, "NOPE");
        int form = random.nextInt(7);
        String q = switch (form) {
            case 0 -> value;
            case 1 -> random.nextBoolean() ? value.toLowerCase(Locale.ROOT) : value.toUpperCase(Locale.ROOT);
            case 2 -> value.contains("\\") ? value : value + "\\" + other;
            case 3 -> wildcards && !value.isEmpty() ? value.substring(0, random.nextInt(value.length())) + "*" : value;
            case 4 -> wildcards && value.length() > 2 ? "*" + value.substring(1, value.length() - 1) + "*" : value;
            case 5 -> wildcards && !value.isEmpty() ? value.substring(0, value.length() - 1) + "?" : value;
            default -> dateOrTime ? (value.compareTo(other) <= 0 ? value + "-" + other : "-" + value) : other;
        };
        if (!wildcards && (q.contains("*") || q.contains("?"))) {
            return null; // refused by the server (400): not this test's business
        }
        return Map.entry(key, q);
    }

    /** The spec's rules, written independently of the server's code. */
    static boolean matches(String key, String query, String value, boolean caseSensitive) {
        if (query.isEmpty()) {
            return true;
        }
        if (value == null) {
            return false;
        }
        VR vr = ElementDictionary.vrOf((int) Tag.parse(key));
        if ((vr == VR.DA || vr == VR.DT || vr == VR.TM) && query.contains("-")) {
            int dash = query.indexOf('-');
            String lo = query.substring(0, dash);
            String hi = query.substring(dash + 1);
            return (lo.isEmpty() || value.compareTo(lo) >= 0) && (hi.isEmpty() || value.compareTo(hi) <= 0);
        }
        String v = caseSensitive ? value : value.toUpperCase(Locale.ROOT);
        if (query.contains("\\")) {
            for (String item : query.split("\\\\", -1)) {
                if ((caseSensitive ? item : item.toUpperCase(Locale.ROOT)).equals(v)) {
                    return true;
                }
            }
            return false;
        }
        String q = caseSensitive ? query : query.toUpperCase(Locale.ROOT);
        if (q.contains("*") || q.contains("?")) {
            StringBuilder regex = new StringBuilder();
            for (String part : q.split("(?=[*?])|(?<=[*?])")) {
                regex.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(v).matches();
        }
        return q.equals(v);
    }
}
