package io.isengard.server.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.TestServer;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.DcmtkTools;
import io.isengard.server.testing.DcmtkTools.Result;
import io.isengard.server.testing.Samples;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * /tools/accepted-transfer-syntaxes and /tools/unknown-sop-class-accepted:
 * their answers, and that a change reaches the next association.
 */
@Timeout(120)
class DicomToolsRoutesTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> put(TestServer s, String path, String body) throws Exception {
        return s.send(HttpRequest.newBuilder(URI.create(s.url(path))).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static List<String> uids(String json) throws Exception {
        JsonNode n = Json.MAPPER.readTree(json);
        return java.util.stream.StreamSupport.stream(n.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void acceptedTransferSyntaxesChangeWhatTheServerAccepts() throws Exception {
        Path brainix = Samples.get("Brainix/Epi/IM-0001-0001.dcm");
        try (TestServer server = TestServer.start("\"DicomAet\": \"ISENGARD\"")) {
            List<String> all = uids(server.get("/tools/accepted-transfer-syntaxes").body());
            assertThat(all).hasSize(42).startsWith("1.2.840.10008.1.2", "1.2.840.10008.1.2.1")
                    .endsWith("1.2.840.10008.1.2.6.2");

            HttpResponse<String> jpegOnly = put(server, "/tools/accepted-transfer-syntaxes", "1.2.840.10008.1.2.4.5?");
            assertThat(jpegOnly.statusCode()).isEqualTo(200);
            assertThat(uids(jpegOnly.body())).containsExactly("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51",
                    "1.2.840.10008.1.2.4.52", "1.2.840.10008.1.2.4.53", "1.2.840.10008.1.2.4.54",
                    "1.2.840.10008.1.2.4.55", "1.2.840.10008.1.2.4.56", "1.2.840.10008.1.2.4.57",
                    "1.2.840.10008.1.2.4.58", "1.2.840.10008.1.2.4.59");
            Result refused = DicomServerInteropTest.storescu(dir, server.dicomPort(), "STORESCU", "ISENGARD",
                    List.of(brainix));
            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(server.get("/statistics").body()).contains("\"CountInstances\" : 0");

            HttpResponse<String> back = server.send(HttpRequest.newBuilder(URI.create(server.url(
                    "/tools/accepted-transfer-syntaxes"))).POST(HttpRequest.BodyPublishers.ofString(
                            "[ \"1.2.840.10008.1.2\", \"1.2.840.10008.1.2.1\" ]")));
            assertThat(uids(back.body())).containsExactly("1.2.840.10008.1.2", "1.2.840.10008.1.2.1");
            DicomServerInteropTest.storescu(dir, server.dicomPort(), "STORESCU", "ISENGARD", List.of(brainix))
                    .assertSuccess();
            assertThat(uids(put(server, "/tools/accepted-transfer-syntaxes", "\"1.2.840.10008.1.2.1\"").body()))
                    .containsExactly("1.2.840.10008.1.2.1");
            assertThat(put(server, "/tools/accepted-transfer-syntaxes", "[ 1 ]").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void groupFlagsApplyAfterThePatterns() throws Exception {
        try (TestServer server = TestServer.start("\"AcceptedTransferSyntaxes\": \"1.2.840.10008.1.2\","
                + " \"RleTransferSyntaxAccepted\": true, \"DeflatedTransferSyntaxAccepted\": false")) {
            assertThat(uids(server.get("/tools/accepted-transfer-syntaxes").body()))
                    .containsExactly("1.2.840.10008.1.2", "1.2.840.10008.1.2.5");
        }
        try (TestServer server = TestServer.start("\"JpegTransferSyntaxAccepted\": false")) {
            assertThat(uids(server.get("/tools/accepted-transfer-syntaxes").body())).hasSize(42 - 18)
                    .doesNotContain("1.2.840.10008.1.2.4.70");
        }
    }

    /** Whether a new association gets a context for an abstract syntax no dictionary knows. */
    private static boolean acceptsUnknownSopClass(TestServer server) throws Exception {
        String unknown = "1.2.826.0.1.3680043.10.1307.99.1";
        try (io.isengard.dicom.net.Scu scu = io.isengard.dicom.net.Scu.open(io.isengard.dicom.net.Scu.Parameters.of(
                "127.0.0.1", server.dicomPort(), "SCU", "ORTHANC", new io.isengard.dicom.net.PresentationContexts()
                        .add(io.isengard.dicom.net.PresentationContexts.VERIFICATION)
                        .add(unknown, List.of("1.2.840.10008.1.2.1"))))) {
            return scu.association().acceptedContext(unknown, null) > 0;
        }
    }

    @Test
    void unknownSopClassAccepted() throws Exception {
        try (TestServer server = TestServer.start("")) {
            assertThat(server.get("/tools/unknown-sop-class-accepted").body()).isEqualTo("0");
            HttpResponse<String> set = put(server, "/tools/unknown-sop-class-accepted", "true");
            assertThat(set.statusCode()).isEqualTo(200);
            assertThat(set.body()).isEmpty();
            assertThat(server.get("/tools/unknown-sop-class-accepted").body()).isEqualTo("1");
            assertThat(acceptsUnknownSopClass(server)).isTrue();
            put(server, "/tools/unknown-sop-class-accepted", "0");
            assertThat(acceptsUnknownSopClass(server)).isFalse();
            assertThat(server.get("/tools/unknown-sop-class-accepted").body()).isEqualTo("0");
            assertThat(put(server, "/tools/unknown-sop-class-accepted", "maybe").statusCode()).isEqualTo(400);
        }
        try (TestServer server = TestServer.start("\"UnknownSopClassAccepted\": true")) {
            assertThat(server.get("/tools/unknown-sop-class-accepted").body()).isEqualTo("1");
        }
    }
}
