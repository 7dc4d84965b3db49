package io.isengard.server.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /tools/find and /tools/lookup compared between the reference Orthanc
 * and Isengard on the same sample files (rest-core.md §9, §10): matching per
 * VR, levels, case, wildcards, ranges, lists, tags read from the files,
 * expanded answers and the error answers. Without OrderBy, 1.10 answers in
 * creation order and Isengard by ID (1.12.11 samples look sorted by ID;
 * rest-core.md §17), so lists of IDs compare as sets.
 */
class FindDifferentialTest {
    private static final JsonDiff ID_LIST = JsonDiff.ordered().unordered("/Body");
    private static final JsonDiff EXPANDED_LIST = KnownDifferences.RESOURCE_ARRAYS.unorderedBy("/Body", "ID");

    /** A few studies with distinct names, dates, modalities and character sets. */
    private static final List<String> SAMPLES = List.of("DummyCT.dcm", "2017-06-27-XSSInjection.dcm",
            "Brainix/Epi/IM-0001-0001.dcm", "Brainix/Epi/IM-0001-0002.dcm", "Brainix/Flair/IM-0001-0001.dcm",
            "Beaufix/IM-0001-0001.dcm", "Comunix/Ct/IM-0001-0001.dcm", "Comunix/Pet/IM-0001-0001.dcm",
            "Encodings/Lena-latin1.dcm", "Encodings/Lena-utf8.dcm", "Encodings/Lena-cyrillic.dcm",
            "Issue22-NoPixelData.dcm", "ColorTestMalaterre.dcm");

    private static ServerPair servers;

    @BeforeAll
    static void start() {
        ObjectNode config = ServerPair.openConfiguration();
        config.put("StableAge", 3600);
        config.put("SyncStorageArea", false);
        servers = ServerPair.start(config);
        for (String s : SAMPLES) {
            Path f = SampleFiles.get(s);
            servers.reference().postFile("/instances", f);
            servers.candidate().postFile("/instances", f);
        }
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static RequestCase find(String body) {
        return RequestCase.request("POST", "/tools/find").body(body);
    }

    private static void compare(String title, JsonDiff diff, List<KnownDifference> known, List<String> bodies) {
        DiffReport report = new DiffReport(title, servers.referenceVersion());
        for (String body : bodies) {
            RequestCase c = find(body);
            HttpAnswer ref = c.send(servers.reference());
            HttpAnswer isg = c.send(servers.candidate());
            servers.orthanc().assertAlive();
            report.compare(c.name() + " " + body, ref, isg, diff, known);
        }
        report.finish();
    }

    @Test
    void matchingRules() {
        List<String> bodies = new ArrayList<>();
        for (String level : List.of("Patient", "Study", "Series", "Instance")) {
            for (String q : List.of("{}", "{\"PatientName\":\"KNIX\"}", "{\"PatientName\":\"knix\"}",
                    "{\"PatientName\":\"K*\"}", "{\"PatientName\":\"*i*\"}", "{\"PatientName\":\"?NIX\"}",
                    "{\"PatientName\":\"BRAINIX\\\\KNIX\\\\NOPE\"}", "{\"PatientName\":\"\"}",
                    "{\"PatientID\":\"OZP00SJY2XG\"}", "{\"PatientID\":\"ozp00SjY2xG\"}",
                    "{\"StudyDate\":\"20061201-20070101\"}", "{\"StudyDate\":\"-20061201\"}",
                    "{\"StudyDate\":\"20061201-\"}", "{\"StudyDate\":\"20040304\"}",
                    "{\"StudyDate\":\"20040304\\\\20070101\"}", "{\"Modality\":\"MR\"}", "{\"Modality\":\"m*\"}",
                    "{\"StudyDescription\":\"*<script>*\"}", "{\"PatientSex\":\"*\"}",
                    "{\"0010,0010\":\"BEAUFIX\"}", "{\"PatientName\":\"TeSt-*\"}",
                    "{\"PatientName\":\"KNIX\",\"StudyDate\":\"20070101\"}")) {
                if (!belowLevel(level, q)) {
                    bodies.add("{\"Level\":\"" + level + "\",\"Query\":" + q + "}");
                }
            }
        }
        bodies.add("{\"Level\":\"Study\",\"Query\":{\"PatientName\":\"knix\"},\"CaseSensitive\":true}");
        bodies.add("{\"Level\":\"Study\",\"Query\":{\"PatientName\":\"KNIX\"},\"CaseSensitive\":true}");
        bodies.add("{\"Level\":\"Study\",\"Query\":{\"PatientName\":\"k*\"},\"CaseSensitive\":true}");
        bodies.add("{\"Level\":\"Studies\",\"Query\":{}}");
        bodies.add("{\"Level\":\"images\",\"Query\":{}}");
        bodies.add("{\"Level\":\"SERIES\",\"Query\":{}}");
        compare("POST /tools/find: matching", ID_LIST, KnownDifferences.HEADERS, bodies);
    }

    /** True if the query names a main tag of a level below {@code level} (see {@link #tagsOfLowerLevels}). */
    private static boolean belowLevel(String level, String query) {
        boolean study = query.contains("StudyDate") || query.contains("StudyDescription");
        boolean series = query.contains("Modality");
        return level.equals("Patient") && (study || series) || level.equals("Study") && series;
    }

    /**
     * Main tags of a level below the query's: 1.10 never matches them; the
     * 1.12 spec reads them from a child instance's file (rest-core.md §9,
     * "Tag levels"), as Isengard does, so Isengard finds more.
     */
    @Test
    void tagsOfLowerLevels() {
        List<String> bodies = new ArrayList<>();
        for (String q : List.of("{\"StudyDate\":\"20061201-20070101\"}", "{\"Modality\":\"MR\"}",
                "{\"SeriesNumber\":\"5\"}", "{\"InstanceNumber\":\"1\"}")) {
            for (String level : List.of("Patient", "Study", "Series")) {
                bodies.add("{\"Level\":\"" + level + "\",\"Query\":" + q + "}");
            }
        }
        compare("POST /tools/find: main tags of lower levels", ID_LIST, KnownDifferences.FIND_LOWER_LEVEL_TAGS, bodies);
    }

    @Test
    void tagsReadFromTheFiles() {
        compare("POST /tools/find: tags that are not main tags", ID_LIST, KnownDifferences.HEADERS, List.of(
                "{\"Level\":\"Study\",\"Query\":{\"PatientPosition\":\"HFS\"}}",
                "{\"Level\":\"Series\",\"Query\":{\"PatientPosition\":\"F*\"}}",
                "{\"Level\":\"Instance\",\"Query\":{\"PhotometricInterpretation\":\"MONOCHROME2\"}}",
                "{\"Level\":\"Study\",\"Query\":{\"ModalitiesInStudy\":\"MR\\\\CT\"}}",
                "{\"Level\":\"Study\",\"Query\":{\"ModalitiesInStudy\":\"PT\"}}",
                "{\"Level\":\"Study\",\"Query\":{\"ModalitiesInStudy\":\"\"}}"));
    }

    @Test
    void expandedAnswers() {
        compare("POST /tools/find: expanded", EXPANDED_LIST, KnownDifferences.FIND_EXPANDED, List.of(
                "{\"Level\":\"Patient\",\"Query\":{\"PatientName\":\"*\"},\"Expand\":true}",
                "{\"Level\":\"Study\",\"Query\":{\"PatientName\":\"K*\"},\"Expand\":true}",
                "{\"Level\":\"Study\",\"Query\":{\"PatientName\":\"K*\"},\"Expand\":true,\"Short\":true}",
                "{\"Level\":\"Study\",\"Query\":{\"PatientName\":\"K*\"},\"Expand\":true,\"Full\":true}",
                "{\"Level\":\"Series\",\"Query\":{\"Modality\":\"CT\"},\"Expand\":true}",
                "{\"Level\":\"Instance\",\"Query\":{\"PatientName\":\"BRAINIX\"},\"Expand\":true}",
                "{\"Level\":\"Study\",\"Query\":{\"PatientName\":\"K*\"},\"Expand\":true,"
                        + "\"RequestedTags\":[\"PatientPosition\",\"0008,0061\",\"NumberOfStudyRelatedInstances\"]}"));
    }

    @Test
    void errors() {
        compare("POST /tools/find: errors", JsonDiff.ordered(), KnownDifferences.ERRORS, List.of(
                "{", "", "[]", "\"Study\"", "{\"Query\":{}}", "{\"Level\":3,\"Query\":{}}",
                "{\"Level\":\"Foo\",\"Query\":{}}", "{\"Level\":\"Study\"}",
                "{\"Level\":\"Study\",\"Query\":{\"NoSuchTag\":\"x\"}}",
                "{\"Level\":\"Study\",\"Query\":{\"StudyDate\":\"2007*\"}}",
                "{\"Level\":\"Study\",\"Query\":{\"StudyInstanceUID\":\"1.2*\"}}",
                "{\"Level\":\"Study\",\"Query\":{},\"Limit\":-1}",
                "{\"Level\":\"Study\",\"Query\":{},\"Since\":-3}",
                "{\"Level\":\"Study\",\"Query\":{},\"Limit\":\"a\"}",
                "{\"Level\":\"Study\",\"Query\":{},\"Since\":1.5}",
                "{\"Level\":\"Study\",\"Query\":{},\"CaseSensitive\":\"a\"}"));
        DiffReport report = new DiffReport("POST /tools/find: errors 1.12 words differently",
                servers.referenceVersion());
        RequestCase.request("POST", "/tools/find").body("{\"Level\":\"Study\",\"Query\":{\"PatientName\":3}}")
                .changedIn("1.12.0", "1.12 says \"must be associated with a string\" (rest-core.md §9)",
                        "400 BadRequest, must be associated", a -> RequestCase.isError(a, 400, 8)
                                && a.json().path("Details").asText().contains("must be associated with a string"))
                .run(servers, report);
        report.finish();
    }

    @Test
    void lookup() {
        DiffReport report = new DiffReport("POST /tools/lookup", servers.referenceVersion());
        for (String value : List.of("ozp00SjY2xG", "OZP00SJY2XG", "1.2.840.113619.2.176.2025.1499492.7391.1171285944.390",
                "1.2.840.113619.2.176.2025.1499492.7391.1171285944.394",
                "1.2.840.113619.2.176.2025.1499492.7040.1171286242.109", "nothing", "")) {
            RequestCase c = RequestCase.request("POST", "/tools/lookup").body(value);
            report.compare(c.name(), c.send(servers.reference()), c.send(servers.candidate()), ID_LOOKUP,
                    KnownDifferences.HEADERS);
        }
        report.finish();
    }

    private static final JsonDiff ID_LOOKUP = JsonDiff.ordered().unorderedBy("/Body", "ID");
}
