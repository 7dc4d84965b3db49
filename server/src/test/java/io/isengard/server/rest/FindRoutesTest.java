package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.TestServer;
import io.isengard.server.testing.Samples;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 1.12 parts of /tools/find that Orthanc 1.10 lacks (so no differential
 * test covers them), count-resources and the server's caps, over HTTP
 * (rest-core.md §9, §10).
 */
class FindRoutesTest {
    private static final String DUMMY_STUDY = "b9c08539-26f93bde-c81ab0d7-bffaf2cb-a4d0bdd0";
    private static final String DUMMY_PATIENT = "6816cb19-844d5aee-85245eba-28e841e6-2414fae2";
    private static final List<String> SAMPLES = List.of("DummyCT.dcm", "Brainix/Epi/IM-0001-0001.dcm",
            "Brainix/Epi/IM-0001-0002.dcm", "Brainix/Epi/IM-0001-0003.dcm", "Brainix/Flair/IM-0001-0001.dcm",
            "Comunix/Ct/IM-0001-0001.dcm", "Comunix/Pet/IM-0001-0001.dcm");

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("\"LimitFindInstances\": 5");
        for (String s : SAMPLES) {
            assertThat(server.post("/instances", Files.readAllBytes(Samples.get(s))).statusCode()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> post(String route, String body) throws Exception {
        return server.post(route, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode find(String body) throws Exception {
        HttpResponse<String> r = post("/tools/find", body);
        assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.forEach(n -> ids.add(n.isTextual() ? n.asText() : n.get("ID").asText()));
        return ids;
    }

    @Test
    void systemAnnouncesTheExtendedFind() throws Exception {
        assertThat(Json.MAPPER.readTree(server.get("/system").body()).at("/Capabilities/HasExtendedFind").asBoolean())
                .isTrue();
    }

    @Test
    void responseContentSelectsTheParts() throws Exception {
        JsonNode study = find("{\"Level\":\"Study\",\"Query\":{\"PatientName\":\"KNIX\"},"
                + "\"ResponseContent\":[\"MainDicomTags\",\"Parent\",\"Metadata\",\"Labels\"]}").get(0);
        List<String> keys = new ArrayList<>();
        study.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("ID", "Type", "MainDicomTags", "PatientMainDicomTags",
                "ParentPatient", "Metadata", "Labels");
        assertThat(study.at("/Metadata/LastUpdate").isTextual()).isTrue();
        assertThat(study.at("/Metadata/MainDicomTagsSignature").isTextual()).as("all metadata, not only those the"
                + " JSON of a resource shows").isTrue();
        assertThat(study.get("ParentPatient").asText()).isEqualTo(DUMMY_PATIENT);
        JsonNode bare = find("{\"Level\":\"Study\",\"Query\":{\"PatientName\":\"KNIX\"},\"ResponseContent\":[],"
                + "\"RequestedTags\":[\"StudyDate\"]}").get(0);
        assertThat(bare.size()).isEqualTo(3);
        assertThat(bare.at("/RequestedTags/StudyDate").asText()).isEqualTo("20070101");
        JsonNode instance = find("{\"Level\":\"Instance\",\"Query\":{\"PatientName\":\"KNIX\"},"
                + "\"ResponseContent\":[\"Attachments\"]}").get(0);
        assertThat(instance.at("/Attachments/0/ContentType").asText()).isEqualTo("dicom");
    }

    @Test
    void orderByAndParents() throws Exception {
        List<String> byNumber = ids(find("{\"Level\":\"Series\",\"Query\":{},\"OrderBy\":[{\"Type\":\"DicomTagAsInt\","
                + "\"Key\":\"SeriesNumber\",\"Direction\":\"DESC\"}],\"Expand\":true}"));
        List<String> numbers = new ArrayList<>();
        for (String id : byNumber) {
            numbers.add(Json.MAPPER.readTree(server.get("/series/" + id).body()).at("/MainDicomTags/SeriesNumber")
                    .asText(""));
        }
        List<Integer> parsed = numbers.stream().filter(n -> !n.isBlank()).map(n -> Integer.parseInt(n.strip())).toList();
        assertThat(parsed).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(ids(find("{\"Level\":\"Series\",\"Query\":{},\"ParentStudy\":\"" + DUMMY_STUDY + "\"}")))
                .hasSize(1);
        assertThat(ids(find("{\"Level\":\"Instance\",\"Query\":{},\"ParentPatient\":\"" + DUMMY_PATIENT + "\"}")))
                .hasSize(1);
    }

    @Test
    void capsAndPaging() throws Exception {
        assertThat(ids(find("{\"Level\":\"Instance\",\"Query\":{}}"))).hasSize(5); // LimitFindInstances
        assertThat(ids(find("{\"Level\":\"Instance\",\"Query\":{},\"Limit\":3}"))).hasSize(3);
        assertThat(ids(find("{\"Level\":\"Instance\",\"Query\":{},\"Limit\":30}"))).hasSize(5);
        assertThat(ids(find("{\"Level\":\"Series\",\"Query\":{}}"))).hasSize(5); // no cap above instances
        HttpResponse<String> r = post("/tools/find", "{\"Level\":\"Study\",\"Query\":{\"PatientPosition\":\"HFS\"},"
                + "\"Since\":1}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("0018,5100");
        assertThat(ids(find("{\"Level\":\"Study\",\"Query\":{\"PatientPosition\":\"HFS\"}}"))).hasSize(2);
        // expanded: the same resources, whether the index alone answers or files are read too
        assertThat(ids(find("{\"Level\":\"Instance\",\"Query\":{},\"Limit\":3,\"Expand\":true}")))
                .isEqualTo(ids(find("{\"Level\":\"Instance\",\"Query\":{},\"Limit\":3}")));
        assertThat(ids(find("{\"Level\":\"Study\",\"Query\":{\"PatientPosition\":\"HFS\"},\"Expand\":true}")))
                .isEqualTo(ids(find("{\"Level\":\"Study\",\"Query\":{\"PatientPosition\":\"HFS\"}}")));
    }

    @Test
    void countResources() throws Exception {
        HttpResponse<String> r = post("/tools/count-resources", "{\"Level\":\"Instance\",\"Query\":"
                + "{\"PatientName\":\"BRAINIX\"},\"Limit\":1}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(r.body()).toString()).isEqualTo("{\"Count\":4}");
        assertThat(post("/tools/count-resources", "{\"Level\":\"Study\",\"Query\":{},\"CaseSensitive\":true}")
                .statusCode()).isEqualTo(400);
        assertThat(post("/tools/count-resources", "{\"Level\":\"Study\",\"Query\":{\"PatientPosition\":\"HFS\"}}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void lookupIsCaseInsensitive() throws Exception {
        JsonNode answer = Json.MAPPER.readTree(post("/tools/lookup", "OZP00SJY2XG").body());
        assertThat(answer.toString()).isEqualTo("[{\"ID\":\"" + DUMMY_PATIENT + "\",\"Path\":\"/patients/"
                + DUMMY_PATIENT + "\",\"Type\":\"Patient\"}]");
    }

    @Test
    void badLabelsAndOrderBy() throws Exception {
        assertThat(post("/tools/find", "{\"Level\":\"Study\",\"Query\":{},\"Labels\":[\"no space\"]}").statusCode())
                .isEqualTo(400);
        assertThat(post("/tools/find", "{\"Level\":\"Study\",\"Query\":{},\"LabelsConstraint\":\"Some\"}")
                .statusCode()).isEqualTo(400);
        assertThat(post("/tools/find", "{\"Level\":\"Study\",\"Query\":{},\"OrderBy\":[{\"Type\":\"Nope\","
                + "\"Key\":\"StudyDate\",\"Direction\":\"ASC\"}]}").statusCode()).isEqualTo(400);
        assertThat(post("/tools/find", "{\"Level\":\"Study\",\"Query\":{},\"ParentSeries\":\"x\"}").statusCode())
                .isEqualTo(400);
    }
}
