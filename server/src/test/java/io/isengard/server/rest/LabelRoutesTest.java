package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.TestServer;
import io.isengard.server.testing.Samples;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Labels over HTTP, checked against the spec (resources.md §12): Orthanc
 * 1.10.1, the reference of the differential tests, has no labels (1.12.0+).
 */
class LabelRoutesTest {
    private static final String PATIENT = "6816cb19-844d5aee-85245eba-28e841e6-2414fae2";
    private static final String STUDY = "b9c08539-26f93bde-c81ab0d7-bffaf2cb-a4d0bdd0";
    private static final String INSTANCE = "66a662ce-7430e543-bad44d47-0dc5a943-ec7a538d";

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start("");
        server.post("/instances", Files.readAllBytes(Samples.get("DummyCT.dcm")));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> put(String path) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path))).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode json(String path) throws Exception {
        return Json.MAPPER.readTree(server.get(path).body());
    }

    @Test
    void labelsAreAddedTestedListedAndRemoved() throws Exception {
        HttpResponse<String> added = put("/studies/" + STUDY + "/labels/urgent");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).isEmpty();
        assertThat(put("/studies/" + STUDY + "/labels/urgent").statusCode()).as("idempotent").isEqualTo(200);
        put("/studies/" + STUDY + "/labels/Reviewed_by-2");
        put("/instances/" + INSTANCE + "/labels/key");

        assertThat(json("/studies/" + STUDY + "/labels")).containsExactly(Json.MAPPER.readTree("\"Reviewed_by-2\""),
                Json.MAPPER.readTree("\"urgent\""));
        assertThat(json("/studies/" + STUDY).get("Labels").toString()).isEqualTo("[\"Reviewed_by-2\",\"urgent\"]");
        assertThat(json("/patients/" + PATIENT + "/labels").size()).as("labels are not inherited").isZero();
        assertThat(json("/tools/labels").toString()).isEqualTo("[\"Reviewed_by-2\",\"key\",\"urgent\"]");

        HttpResponse<String> present = server.get("/studies/" + STUDY + "/labels/urgent");
        assertThat(present.statusCode()).isEqualTo(200);
        assertThat(present.body()).isEmpty();
        HttpResponse<String> absent = server.get("/studies/" + STUDY + "/labels/other");
        assertThat(absent.statusCode()).isEqualTo(404);
        assertThat(absent.body()).isEmpty();

        assertThat(server.delete("/studies/" + STUDY + "/labels/urgent").statusCode()).isEqualTo(200);
        assertThat(server.delete("/studies/" + STUDY + "/labels/urgent").statusCode()).as("absent: no error")
                .isEqualTo(200);
        assertThat(json("/studies/" + STUDY + "/labels").toString()).isEqualTo("[\"Reviewed_by-2\"]");

        server.delete("/patients/" + PATIENT);
        assertThat(json("/tools/labels").size()).as("labels go with their resources").isZero();
    }

    @Test
    void invalidLabelsAreParameterOutOfRange() throws Exception {
        for (String label : new String[] {"a%20b", "caf%C3%A9", "x".repeat(65), "a.b"}) {
            HttpResponse<String> r = put("/studies/" + STUDY + "/labels/" + label);
            assertThat(r.statusCode()).as(label).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).get("OrthancStatus").asInt()).isEqualTo(3);
            assertThat(server.delete("/studies/" + STUDY + "/labels/" + label).statusCode()).isEqualTo(400);
        }
        assertThat(put("/studies/" + STUDY + "/labels/" + "x".repeat(64)).statusCode()).isEqualTo(200);
        assertThat(put("/studies/nope/labels/bad.label").statusCode()).as("the label is checked first")
                .isEqualTo(400);
    }

    @Test
    void unknownResourcesAreUnknown() throws Exception {
        for (String path : new String[] {"/studies/nope/labels", "/patients/" + STUDY + "/labels",
                "/series/nope/labels/x"}) {
            HttpResponse<String> r = server.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(Json.MAPPER.readTree(r.body()).get("OrthancStatus").asInt()).isEqualTo(17);
        }
        assertThat(put("/instances/nope/labels/x").statusCode()).isEqualTo(404);
        assertThat(server.delete("/instances/nope/labels/x").statusCode()).isEqualTo(404);
    }
}
