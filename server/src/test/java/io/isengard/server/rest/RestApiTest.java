package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.TestServer;
import io.isengard.server.testing.Samples;
import io.isengard.server.testing.StorageFiles;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST routes of the store, end to end over HTTP. */
class RestApiTest {
    private static final String DUMMY_INSTANCE = "66a662ce-7430e543-bad44d47-0dc5a943-ec7a538d";
    private static final String DUMMY_SERIES = "f2635388-f01d497a-15f7c06b-ad7dba06-c4c599fe";
    private static final String DUMMY_PATIENT = "6816cb19-844d5aee-85245eba-28e841e6-2414fae2";

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start("");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private byte[] dummyCt() throws Exception {
        return Files.readAllBytes(Samples.get("DummyCT.dcm"));
    }

    @Test
    void uploadThenAlreadyStoredThenDeleteCascades() throws Exception {
        HttpResponse<String> r = server.post("/instances", dummyCt());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("ID").asText()).isEqualTo(DUMMY_INSTANCE);
        assertThat(json(r).get("Status").asText()).isEqualTo("Success");
        assertThat(json(server.post("/instances", dummyCt())).get("Status").asText()).isEqualTo("AlreadyStored");

        JsonNode instance = json(server.get("/instances/" + DUMMY_INSTANCE));
        assertThat(instance.get("FileSize").asLong()).isEqualTo(dummyCt().length);
        assertThat(instance.get("ParentSeries").asText()).isEqualTo(DUMMY_SERIES);
        HttpResponse<byte[]> file = server.getBytes("/instances/" + DUMMY_INSTANCE + "/attachments/dicom/data");
        assertThat(file.body()).isEqualTo(dummyCt());

        JsonNode changes = json(server.get("/changes"));
        assertThat(changes.get("Changes").findValuesAsText("ChangeType"))
                .containsExactly("NewInstance", "NewSeries", "NewStudy", "NewPatient");

        HttpResponse<String> deleted = server.delete("/instances/" + DUMMY_INSTANCE);
        assertThat(json(deleted).get("RemainingAncestor").isNull()).isTrue();
        assertThat(json(server.get("/patients")).size()).isZero();
        assertThat(json(server.get("/changes")).get("Changes").size()).isZero();
        assertThat(json(server.get("/changes")).get("Last").asLong()).isEqualTo(4);
        assertThat(server.get("/instances/" + DUMMY_INSTANCE).statusCode()).isEqualTo(404);
        // The file goes in the background, right after the deletion's commit.
        assertThat(storedFilesWithin(Duration.ofSeconds(10))).as("files left after the deletion").isEmpty();
    }

    /** The attachment files in the storage area: as soon as there are none, else at the deadline. */
    private List<Path> storedFilesWithin(Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            List<Path> files = StorageFiles.in(server.directory().resolve("storage"));
            if (files.isEmpty() || System.nanoTime() > end) {
                return files;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void zipGzipAndMultipartUploads() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("a.dcm"));
            z.write(dummyCt());
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("not DICOM".getBytes(StandardCharsets.US_ASCII));
            z.putNextEntry(new ZipEntry("b.dcm"));
            z.write(Files.readAllBytes(Samples.get("Knee/T1/IM-0001-0001.dcm")));
        }
        JsonNode answers = json(server.post("/instances", zip.toByteArray()));
        assertThat(answers.size()).isEqualTo(2);
        assertThat(answers.get(0).get("Status").asText()).isEqualTo("Success");

        server.delete("/patients/" + DUMMY_PATIENT);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(dummyCt());
        }
        assertThat(json(server.post("/instances", gz.toByteArray(), "Content-Encoding", "gzip")).get("ID").asText())
                .isEqualTo(DUMMY_INSTANCE);

        server.delete("/patients/" + DUMMY_PATIENT);
        String boundary = "----isengard1234";
        ByteArrayOutputStream mp = new ByteArrayOutputStream();
        mp.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"a.dcm\"\r\n"
                + "Content-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        mp.write(dummyCt());
        mp.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> r = server.post("/instances", mp.toByteArray(),
                "Content-Type", "multipart/form-data; boundary=" + boundary);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(server.get("/instances/" + DUMMY_INSTANCE).statusCode()).isEqualTo(200);
    }

    @Test
    void badUploadsAnswer400AndStoreNothing() throws Exception {
        HttpResponse<String> r = server.post("/instances", "hello, world".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("OrthancStatus").asInt()).isEqualTo(15);
        assertThat(server.post("/instances", new byte[0]).statusCode()).isEqualTo(400);
        assertThat(json(server.get("/statistics")).get("CountInstances").asInt()).isZero();
        assertThat(StorageFiles.in(server.directory().resolve("storage"))).isEmpty();
    }

    @Test
    void routingErrorsAsOrthanc() throws Exception {
        HttpResponse<String> nope = server.get("/nope");
        assertThat(nope.statusCode()).isEqualTo(404);
        assertThat(json(nope).get("OrthancStatus").asInt()).isEqualTo(17);
        HttpResponse<String> put = server.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url("/system"))).PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> missing = server.get("/patients?since=1");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("Details").asText()).contains("Missing \"limit\"");
        assertThat(server.get("/patients/unknown").body()).isEmpty();
        assertThat(json(server.get("/patients/unknown/studies")).get("OrthancStatus").asInt()).isEqualTo(17);
    }

    @Test
    void metadataAttachmentsRangesAndStatistics() throws Exception {
        server.post("/instances", dummyCt());
        String base = "/instances/" + DUMMY_INSTANCE;
        JsonNode names = json(server.get(base + "/metadata"));
        assertThat(names.toString()).contains("ReceptionDate", "Origin", "TransferSyntax", "SopClassUid");
        assertThat(server.get(base + "/metadata/Origin").body()).isEqualTo("RestApi");
        assertThat(server.get(base + "/metadata/TransferSyntax").body()).isEqualTo("1.2.840.10008.1.2.4.70"); // as dcmdump shows
        assertThat(server.get(base + "/metadata/Origin").headers().firstValue("ETag")).isPresent();
        assertThat(json(server.get(base + "/attachments")).toString()).isEqualTo("[\"dicom\"]");
        assertThat(server.get(base + "/attachments/dicom/size").body()).isEqualTo(Integer.toString(dummyCt().length));
        HttpResponse<byte[]> range = server.getBytes(base + "/attachments/dicom/data", "Range", "bytes=128-131");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(new String(range.body(), StandardCharsets.US_ASCII)).isEqualTo("DICM");
        JsonNode stats = json(server.get("/patients/" + DUMMY_PATIENT + "/statistics"));
        assertThat(stats.get("CountInstances").asInt()).isEqualTo(1);
        assertThat(stats.get("DicomDiskSize").asText()).isEqualTo(Integer.toString(dummyCt().length));
    }

    @Test
    void requestedTagsFromIndexComputedAndFile() throws Exception {
        server.post("/instances", Files.readAllBytes(Samples.get("Knee/T1/IM-0001-0001.dcm")));
        server.post("/instances", Files.readAllBytes(Samples.get("Knee/T1/IM-0001-0002.dcm")));
        String study = json(server.get("/studies")).get(0).asText();
        JsonNode tags = json(server.get("/studies/" + study
                + "?requested-tags=PatientName;ModalitiesInStudy;NumberOfStudyRelatedInstances;0028,0010;SOPClassesInStudy"))
                .get("RequestedTags");
        assertThat(tags.get("PatientName").asText()).isEqualTo("KNEE");
        assertThat(tags.get("ModalitiesInStudy").asText()).isEqualTo("MR");
        assertThat(tags.get("NumberOfStudyRelatedInstances").asText()).isEqualTo("2");
        assertThat(tags.get("SOPClassesInStudy").asText()).isEqualTo("1.2.840.10008.5.1.4.1.1.4");
        assertThat(tags.get("Rows").asText()).isEqualTo("512");
        assertThat(json(server.get("/studies?expand&requestedTags=StudyDate")).get(0).get("RequestedTags")
                .get("StudyDate").asText()).isEqualTo("20080819");
        assertThat(server.get("/studies/" + study + "?requested-tags=NoSuchTag").statusCode()).isEqualTo(400);
        assertThat(json(server.get("/studies/" + study)).has("RequestedTags")).isFalse();
    }
}
