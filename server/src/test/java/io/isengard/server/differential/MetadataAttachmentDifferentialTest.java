package io.isengard.server.differential;

import static io.isengard.server.differential.RequestCase.get;
import static io.isengard.server.differential.RequestCase.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.differential.Difference.Type;
import io.isengard.server.model.Md5;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Metadata and attachment writes with revisions (resources.md §9, §10, §14)
 * compared between the reference Orthanc and Isengard, once with
 * "CheckRevisions" false and once with it true: the same sequence of
 * requests goes to both servers (each request changes the state the next
 * one sees), and status, headers with the ETag, and bodies are compared.
 * Each sequence ends with the requests after which the servers differ on
 * purpose; the order of the tests keeps those out of the change logs that
 * the other test of the pair compares.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetadataAttachmentDifferentialTest {
    private static final List<String> ETAG = List.of("ETag");

    private static ServerPair unchecked;
    private static ServerPair checked;
    private static String patient;
    private static String study;
    private static String series;
    private static String instance;

    @BeforeAll
    static void start() {
        unchecked = ServerPair.start(configuration(false));
        checked = ServerPair.start(configuration(true));
        for (ServerPair p : List.of(unchecked, checked)) {
            JsonNode stored = p.upload("DummyCT.dcm");
            patient = stored.get("ParentPatient").asText();
            study = stored.get("ParentStudy").asText();
            series = stored.get("ParentSeries").asText();
            instance = stored.get("ID").asText();
        }
    }

    @AfterAll
    static void stop() {
        ServerPair.closeAll(unchecked, checked);
    }

    private static ObjectNode configuration(boolean checkRevisions) {
        ObjectNode c = ServerPair.openConfiguration();
        c.put("CheckRevisions", checkRevisions);
        c.putObject("UserMetadata").put("sample", 1024).put("other", 1025);
        ObjectNode types = c.putObject("UserContentType");
        types.putArray("report").add(1030).add("application/pdf");
        types.put("raw", 1031);
        return c;
    }

    // ------------------------------------------------------------ what may differ, and why

    /**
     * The 1.10.1 reference sends a Content-Type with its empty answers (text/plain after PUT/DELETE, the MIME
     * type of an empty attachment); Isengard sends one exactly when there is a body (checked on every answer),
     * so a Content-Type only Orthanc sends is one of an empty answer.
     */
    private static final KnownDifference EMPTY_ANSWER_CONTENT_TYPE = KnownDifference.since("1.12.2",
            "/Headers/Content-Type", "1.12.2+ sends no Content-Type without body (rest-core.md §1); 1.10 sends "
                    + "one with empty answers", Type.ONLY_IN_REFERENCE);

    private static final Pattern ETAG_FORM = Pattern.compile("\"(\\d+)-([0-9a-f]{32})\"");

    /**
     * Orthanc's SQLite index reads every revision as 0 before 1.12.8
     * (resources.md §14); Isengard stores them: after an overwrite its ETags
     * carry the revision.
     */
    private static final KnownDifference STORED_REVISIONS = KnownDifference.since("1.12.8", "/Headers/ETag",
            "revisions are stored by the SQLite index since 1.12.8 (resources.md §14); 1.10 reads them as 0",
            Type.VALUE).when("same MD5, Orthanc's revision 0", MetadataAttachmentDifferentialTest::sameMd5Revision0);

    private static boolean sameMd5Revision0(Difference d) {
        Matcher r = ETAG_FORM.matcher(d.reference().asText());
        Matcher g = ETAG_FORM.matcher(d.isengard().asText());
        return r.matches() && g.matches() && r.group(1).equals("0") && r.group(2).equals(g.group(2));
    }

    /** 1.10.1 also lists "uuid" among the operations on an attachment (resources.md §9). */
    private static final KnownDifference UUID_OPERATION = KnownDifference.since("1.12.0", "/Body/*",
            "1.10.1 lists the sub-route \"uuid\" of attachments, 1.12 does not (resources.md §9)",
            Type.ONLY_IN_REFERENCE).when("the operation uuid", d -> "uuid".equals(d.reference().asText()));

    private static final KnownDifference RANDOM_UUID = KnownDifference.volatileValue("/Body/Uuid",
            KnownDifference.UUID, "UUID of the stored file, random");

    private static final List<KnownDifference> WRITES = KnownDifferences.concat(KnownDifferences.ERRORS,
            List.of(EMPTY_ANSWER_CONTENT_TYPE, STORED_REVISIONS, UUID_OPERATION, RANDOM_UUID));

    /**
     * Not in the spec: 1.10 writes and deletes metadata and attachments of
     * whatever resource the ID names, whatever the level in the URI
     * (PUT /studies/{patient}/metadata/... sets the patient's). Isengard
     * answers 404 Unknown resource, as its reads do and as for an unknown ID.
     */
    private static final List<KnownDifference> WRONG_LEVEL = KnownDifferences.concat(WRITES, List.of(
            KnownDifference.deliberate("/**", "ID of another level on a metadata/attachment write (unspecified): "
                    + "1.10 writes to the resource the ID names, Isengard answers 404 Unknown resource as its reads "
                    + "do")));

    private static RequestCase put(String uri, String body) {
        return request("PUT", uri).body(body).alsoComparing(ETAG).known(WRITES);
    }

    private static RequestCase delete(String uri) {
        return request("DELETE", uri).alsoComparing(ETAG).known(WRITES);
    }

    private static RequestCase post(String uri) {
        return request("POST", uri).body("").alsoComparing(ETAG).known(WRITES);
    }

    private static RequestCase read(String uri) {
        return get(uri).alsoComparing(ETAG).known(WRITES);
    }

    private static String etag(long revision, String value) {
        return "\"" + revision + "-" + Md5.of(value) + "\"";
    }

    private static void run(ServerPair servers, String title, List<RequestCase> cases) {
        DiffReport report = new DiffReport(title, servers.referenceVersion());
        cases.forEach(c -> c.run(servers, report));
        report.finish();
    }

    // ------------------------------------------------------------ CheckRevisions false (the default)

    @Test
    @Order(2)
    void metadataWithoutCheckingRevisions() {
        String m = "/instances/" + instance + "/metadata/";
        run(unchecked, "metadata writes, CheckRevisions false", List.of(
                read(m + "sample"),
                put(m + "sample", "hello"),
                read(m + "sample"),
                read(m + "sample").header("If-None-Match", etag(0, "hello")),
                read(m + "sample").header("If-None-Match", "0-" + Md5.of("hello")),
                read(m + "sample").header("If-None-Match", etag(0, "other")),
                read(m + "sample").header("If-None-Match", "\"1-" + Md5.of("hello") + "\""),
                read(m + "sample").header("If-None-Match", "tata"),
                read(m + "sample").header("If-None-Match", "\"aaa-bbb\""),
                put(m + "sample", "hello2"),
                read(m + "sample"),
                put(m + "sample", "hello3").header("If-Match", etag(0, "wrong")),
                put(m + "sample", "hello3").header("If-Match", "tata"),
                read(m + "sample"),
                delete(m + "sample").header("If-Match", "\"7-" + Md5.of("hello2") + "\""),
                delete(m + "sample").header("If-Match", "aaa"),
                delete(m + "sample"),
                delete(m + "sample"),
                read(m + "sample"),
                put(m + "ReceptionDate", "x"), delete(m + "ReceptionDate"),
                put(m + "1", "x"), put(m + "1023", "x"), put(m + "65536", "x"), put(m + "0", "x"), put(m + "-5", "x"),
                put(m + "nosuch", "x"), read(m + "nosuch"), delete(m + "nosuch"),
                put("/instances/nope/metadata/sample", "x"), delete("/instances/nope/metadata/sample"),
                read("/instances/nope/metadata/sample"), read("/instances/nope/metadata/nosuch"),
                put(m + "3000", "numbered"), read(m + "3000"),
                put(m + "other", "é ü"), read(m + "other"),
                read("/instances/" + instance + "/metadata?expand").known(
                        KnownDifferences.concat(KnownDifferences.HEADERS, List.of(
                                KnownDifference.volatileValue("/Body/ReceptionDate", KnownDifference.TIMESTAMP,
                                        "time of reception"),
                                KnownDifference.since("1.11.0", "/Body/MainDicomTagsSignature",
                                        "MainDicomTagsSignature is 1.11+ (resources.md §10)",
                                        Type.ONLY_IN_ISENGARD)))),
                put("/patients/" + patient + "/metadata/sample", "p"), read("/patients/" + patient + "/metadata/sample"),
                put("/studies/" + study + "/metadata/sample", "s"), read("/studies/" + study + "/metadata/sample"),
                put("/series/" + series + "/metadata/sample", "se"), read("/series/" + series + "/metadata/sample"),
                delete("/series/" + series + "/metadata/sample"), read("/series/" + series + "/metadata/sample"),
                // Last: 1.10 writes to the resource of another level, the two servers differ from here on.
                put("/studies/" + patient + "/metadata/other", "x").known(WRONG_LEVEL),
                delete("/series/" + study + "/metadata/sample").known(WRONG_LEVEL)));
    }

    @Test
    @Order(1)
    void attachmentsWithoutCheckingRevisions() {
        String a = "/instances/" + instance + "/attachments/";
        String report = a + "report";
        List<RequestCase> cases = new ArrayList<>(List.of(
                read(report),
                put(report, "report body"),
                read(report), read(report + "/info"), read(report + "/data"), read(report + "/size"),
                read(report + "/md5"), read(report + "/compressed-size"), read(report + "/compressed-md5"),
                read(report + "/is-compressed"), read(report + "/compressed-data"),
                read(report + "/data").header("If-None-Match", etag(0, "report body")),
                read(report + "/info").header("If-None-Match", etag(0, "report body")),
                read(report + "/size").header("If-None-Match", etag(0, "other")),
                read(report + "/md5").header("If-None-Match", "tata"),
                put(report, "report body 2"),
                read(report + "/info"), read(report + "/data"),
                put(report, "x").header("If-Match", etag(0, "report body")),
                put(report, "x").header("If-Match", "tata"),
                post(report + "/compress"),
                read(report + "/is-compressed"), read(report + "/info"), read(report + "/data"),
                read(report + "/compressed-size"), read(report + "/compressed-md5"),
                post(report + "/verify-md5"),
                post(report + "/compress"),
                post(report + "/uncompress"),
                read(report + "/is-compressed"), read(report + "/info"), read(report + "/data"),
                post(report + "/uncompress"),
                post(a + "dicom/compress"), read(a + "dicom/is-compressed"), read(a + "dicom/info"),
                read(a + "dicom/md5"), post(a + "dicom/verify-md5"),
                read("/instances/" + instance + "/file").known(KnownDifferences.HEADERS),
                post(a + "dicom/uncompress"), read(a + "dicom/info"),
                put(a + "dicom", "x"), put(a + "dicom-until-pixel-data", "x"), put(a + "dicom-as-json", "x"),
                put(a + "1023", "x"), put(a + "65536", "x"), put(a + "nosuch", "x"),
                delete(a + "dicom"), delete(a + "dicom-as-json"), delete(a + "dicom-until-pixel-data"),
                delete(a + "1023"), delete(a + "nosuch"),
                post(a + "1999/compress"), post(a + "1999/uncompress"), post(a + "1999/verify-md5"),
                read(a + "1999"), read(a + "1999/data"), read(a + "1999/size"),
                post("/instances/nope/attachments/report/verify-md5"),
                post("/instances/nope/attachments/report/compress"),
                delete(report).header("If-Match", "\"9-" + Md5.of("report body 2") + "\""),
                delete(report).header("If-Match", "tata"),
                delete(report),
                delete(report),
                read(report), read(report + "/data"),
                delete("/instances/nope/attachments/report"),
                put(a + "raw", ""), read(a + "raw/info"), read(a + "raw/data"), read(a + "raw/size"),
                put(a + "1999", "numbered"), read(a + "1999/data"),
                read("/instances/" + instance + "/attachments").known(KnownDifferences.HEADERS),
                read("/instances/" + instance + "/attachments?full").known(KnownDifferences.HEADERS)));
        for (String level : List.of("patients/" + patient, "studies/" + study, "series/" + series)) {
            String base = "/" + level + "/attachments";
            cases.addAll(List.of(put(base + "/raw", level), read(base + "/raw/data"), read(base + "/raw/info"),
                    read(base).known(KnownDifferences.HEADERS), delete(base + "/raw"), read(base + "/raw")));
        }
        cases.add(put(a + "report", "statistics"));
        cases.add(read("/statistics").known(KnownDifferences.HEADERS));
        cases.add(read("/instances/" + instance + "/statistics").known(KnownDifferences.HEADERS));
        cases.add(read("/changes?since=4").known(KnownDifferences.CHANGES));
        // Last: the servers differ from here on.
        cases.add(put("/instances/nope/attachments/report", "x").changedIn("1.12.1",
                "a PUT of an attachment on an unknown resource is a 404 since 1.12.1 (resources.md §9); 1.10 "
                        + "answers 200",
                "404 Unknown resource (17)", ans -> RequestCase.isError(ans, 404, 17)));
        cases.add(put("/patients/" + instance + "/attachments/raw", "x").known(WRONG_LEVEL));
        run(unchecked, "attachment writes, CheckRevisions false", cases);
    }

    // ------------------------------------------------------------ CheckRevisions true

    @Test
    @Order(1)
    void metadataCheckingRevisions() {
        String m = "/series/" + series + "/metadata/";
        run(checked, "metadata writes, CheckRevisions true", List.of(
                put(m + "sample", "a"),
                put(m + "sample", "b"),
                put(m + "sample", "b").header("If-Match", etag(0, "wrong")),
                put(m + "sample", "b").header("If-Match", etag(0, "a")),
                read(m + "sample"),
                delete(m + "other"),
                delete("/series/nope/metadata/other"),
                put("/series/nope/metadata/other", "x"),
                put(m + "other", "x").header("If-Match", etag(3, "whatever")),
                read(m + "other"),
                delete(m + "other"),
                delete(m + "other").header("If-Match", etag(0, "wrong")),
                delete(m + "other").header("If-Match", etag(1, "x")),
                delete(m + "other").header("If-Match", etag(0, "x")),
                delete(m + "other").header("If-Match", etag(0, "x")),
                read(m + "other"),
                put(m + "ReceptionDate", "x"), delete(m + "ReceptionDate"),
                read("/changes?since=4").known(KnownDifferences.CHANGES),
                // Last: 1.10 reads revision 0 where Isengard has stored 1, the servers differ from here on.
                put(m + "sample", "c").header("If-Match", etag(1, "b")).changedIn("1.12.8",
                        "revisions are stored since 1.12.8 (resources.md §14): If-Match names revision 1",
                        "200 with ETag \"2-<md5 of c>\"",
                        ans -> ans.status() == 200 && etag(2, "c").equals(ans.header("ETag")))));
    }

    @Test
    @Order(2)
    void attachmentsCheckingRevisions() {
        String a = "/studies/" + study + "/attachments/";
        run(checked, "attachment writes, CheckRevisions true", List.of(
                put(a + "report", "one"),
                put(a + "report", "two"),
                put(a + "report", "two").header("If-Match", etag(0, "wrong")),
                put(a + "report", "two").header("If-Match", etag(0, "one")),
                read(a + "report/data"),
                delete(a + "report"),
                delete(a + "raw"),
                delete("/studies/nope/attachments/raw"),
                put(a + "raw", "r").header("If-Match", etag(5, "whatever")),
                read(a + "raw/info"),
                post(a + "raw/compress"),
                read(a + "raw/is-compressed"),
                post(a + "raw/verify-md5"),
                post(a + "raw/uncompress"),
                put(a + "dicom", "x"), delete(a + "dicom"),
                // Last: 1.10 reads revision 0 where Isengard has stored 1, the servers differ from here on.
                delete(a + "report").header("If-Match", etag(1, "two")).changedIn("1.12.8",
                        "revisions are stored since 1.12.8 (resources.md §14): If-Match names revision 1",
                        "200 without body", ans -> ans.status() == 200 && ans.isEmpty())));
    }
}
