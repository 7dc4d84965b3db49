package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.TestServer;
import io.isengard.server.model.Md5;
import io.isengard.server.testing.Samples;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Metadata and attachment writes over HTTP with "CheckRevisions" and
 * "StorageCompression" on (resources.md §9, §10, §14), without the
 * reference Orthanc (the differential test compares with it when installed).
 */
class RevisionsRestTest {
    private static final String CONFIG = "\"CheckRevisions\": true, \"StorageCompression\": true,"
            + " \"UserMetadata\": {\"note\": 1024}, \"UserContentType\": {\"report\": [1030, \"application/pdf\"]}";

    private static String etag(long revision, String value) {
        return "\"" + revision + "-" + Md5.of(value) + "\"";
    }

    private static HttpResponse<String> send(TestServer s, String method, String path, String body,
            String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(path))).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return s.send(b);
    }

    private static int orthancStatus(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body()).path("OrthancStatus").asInt();
    }

    private static String patient(TestServer s) throws Exception {
        HttpResponse<String> r = s.post("/instances", Files.readAllBytes(Samples.get("DummyCT.dcm")));
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body()).get("ParentPatient").asText();
    }

    @Test
    void metadataRevisionsAreStoredCheckedAndLogged() throws Exception {
        try (TestServer s = TestServer.start(CONFIG)) {
            String m = "/patients/" + patient(s) + "/metadata/note";
            HttpResponse<String> created = send(s, "PUT", m, "first");
            assertThat(created.statusCode()).isEqualTo(200);
            assertThat(created.headers().firstValue("ETag")).contains(etag(0, "first"));
            assertThat(created.headers().firstValue("Content-Type")).isEmpty();

            HttpResponse<String> refused = send(s, "PUT", m, "second");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(orthancStatus(refused)).isEqualTo(43);
            HttpResponse<String> updated = send(s, "PUT", m, "second", "If-Match", etag(0, "first"));
            assertThat(updated.headers().firstValue("ETag")).contains(etag(1, "second"));

            HttpResponse<String> read = s.get(m);
            assertThat(read.body()).isEqualTo("second");
            assertThat(read.headers().firstValue("ETag")).contains(etag(1, "second"));
            HttpResponse<String> notModified = send(s, "GET", m, null, "If-None-Match", etag(1, "second"));
            assertThat(notModified.statusCode()).isEqualTo(304);
            assertThat(notModified.body()).isEmpty();
            assertThat(send(s, "GET", m, null, "If-None-Match", etag(0, "second")).statusCode()).isEqualTo(200);
            HttpResponse<String> bad = send(s, "GET", m, null, "If-None-Match", "tata");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(orthancStatus(bad)).isEqualTo(3);

            assertThat(send(s, "DELETE", m, null).statusCode()).isEqualTo(409);
            assertThat(send(s, "DELETE", m, null, "If-Match", etag(0, "second")).statusCode()).isEqualTo(409);
            assertThat(send(s, "DELETE", m, null, "If-Match", etag(1, "second")).statusCode()).isEqualTo(200);
            assertThat(s.get(m).statusCode()).isEqualTo(404);
            assertThat(send(s, "PUT", m.replace("note", "ReceptionDate"), "x").statusCode()).isEqualTo(403);

            List<String> changes = new ArrayList<>();
            Json.MAPPER.readTree(s.get("/changes").body()).get("Changes")
                    .forEach(c -> changes.add(c.get("ChangeType").asText()));
            assertThat(changes).endsWith("UpdatedMetadata", "UpdatedMetadata", "UpdatedMetadata");
            assertThat(changes).filteredOn("UpdatedMetadata"::equals).hasSize(3);
        }
    }

    @Test
    void attachmentsAreStoredCompressedAndCanBeUncompressedAndVerified() throws Exception {
        try (TestServer s = TestServer.start(CONFIG)) {
            String a = "/patients/" + patient(s) + "/attachments/report";
            String content = "%PDF a report ".repeat(1000);
            HttpResponse<String> put = send(s, "PUT", a, content);
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(put.body()).isEqualTo("{}");
            assertThat(put.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(put.headers().firstValue("ETag")).contains(etag(0, content));

            assertThat(s.get(a + "/is-compressed").body()).isEqualTo("1");
            assertThat(Long.parseLong(s.get(a + "/compressed-size").body())).isLessThan(content.length());
            HttpResponse<String> data = s.get(a + "/data");
            assertThat(data.body()).isEqualTo(content);
            assertThat(data.headers().firstValue("Content-Type")).contains("application/pdf");
            assertThat(send(s, "POST", a + "/verify-md5", "").statusCode()).isEqualTo(200);

            assertThat(send(s, "POST", a + "/uncompress", "").body()).isEqualTo("{}");
            JsonNode info = Json.MAPPER.readTree(s.get(a + "/info").body());
            assertThat(info.get("CompressedSize").asLong()).isEqualTo(content.length());
            assertThat(info.get("CompressedMD5").asText()).isEqualTo(Md5.of(content));
            assertThat(s.get(a + "/info").headers().firstValue("ETag")).contains(etag(1, content));
            assertThat(s.get(a + "/data").body()).isEqualTo(content);

            assertThat(send(s, "PUT", a.replace("report", "dicom"), "x").statusCode()).isEqualTo(403);
            assertThat(send(s, "DELETE", a.replace("report", "dicom"), null).statusCode()).isEqualTo(403);
            assertThat(send(s, "DELETE", a, null, "If-Match", etag(1, content)).statusCode()).isEqualTo(200);
            HttpResponse<String> gone = s.get(a + "/data");
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(orthancStatus(gone)).isEqualTo(17);
        }
    }
}
