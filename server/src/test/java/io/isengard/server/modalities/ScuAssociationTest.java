package io.isengard.server.modalities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.VR;
import io.isengard.dicom.net.DicomServer;
import io.isengard.dicom.net.ServiceHandlers;
import io.isengard.dicom.net.assoc.AcceptorPolicy;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.server.TestServer;
import io.isengard.server.rest.Json;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The association facts of §9 seen from the remote side (a DICOM server of
 * dicom-net over loopback): which calling AET is used, what identifier a
 * query sends, and a modality that never answers.
 */
class ScuAssociationTest {
    private final List<String> callingAets = new CopyOnWriteArrayList<>();
    private final List<DataSet> identifiers = new CopyOnWriteArrayList<>();
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private volatile String refusedInstance = "";
    private DicomServer peer;

    @BeforeEach
    void startPeer() throws Exception {
        AcceptorPolicy policy = AcceptorPolicy.orthancLike("PEER", AcceptorPolicy.SERVICE_TRANSFER_SYNTAXES) // storage: uncompressed only
                .withCheck((rq, address) -> {
                    callingAets.add(rq.callingAeTitle());
                    return null;
                });
        ServiceHandlers handlers = ServiceHandlers.echoOnly().withStore(request -> {
            request.dataSet().transferTo(java.io.OutputStream.nullOutputStream());
            stored.add(request.sopInstanceUid());
            // Refuses one instance ("out of resources") to check the error of a failed C-STORE.
            return request.sopInstanceUid().equals(refusedInstance) ? 0xA700 : Status.SUCCESS;
        }).withFind((request, responder) -> {
            identifiers.add(request.identifier());
            DataSet match = new DataSet();
            match.putString(0x00100020, VR.LO, "P1");
            match.putString(0x0020000D, VR.UI, "1.2.3");
            responder.pending(match); // no QueryRetrieveLevel: Isengard adds the query's
            return Status.SUCCESS;
        });
        peer = DicomServer.start(DicomServer.Config.of(0, policy, handlers));
    }

    @AfterEach
    void stopPeer() throws Exception {
        peer.close();
    }

    private String modalities(int hangingPort) {
        return "\"DicomAet\": \"ISENGARD\", \"DicomModalities\": {\"peer\": [\"PEER\", \"127.0.0.1\", " + peer.port()
                + "], \"forced\": {\"AET\": \"PEER\", \"Host\": \"127.0.0.1\", \"Port\": " + peer.port()
                + ", \"LocalAet\": \"FORCED\"}, \"hanging\": [\"HANG\", \"127.0.0.1\", " + hangingPort + "]}";
    }

    @Test
    void callingAetAndIdentifier() throws Exception {
        try (TestServer server = TestServer.start(modalities(1))) {
            assertThat(server.post("/modalities/peer/echo", new byte[0]).statusCode()).isEqualTo(200);
            HttpResponse<String> q = server.post("/modalities/peer/query",
                    "{\"Level\": \"Study\", \"Query\": {}, \"LocalAet\": \"ASKED\"}".getBytes());
            assertThat(q.statusCode()).as(q.body()).isEqualTo(200);
            assertThat(server.post("/modalities/forced/query",
                    "{\"Level\": \"Study\", \"LocalAet\": \"ASKED\"}".getBytes()).statusCode()).isEqualTo(200);
            assertThat(callingAets).containsExactly("ISENGARD", "ASKED", "FORCED");

            // §7.2: SpecificCharacterSet, then the key tags with empty values and the level.
            DataSet sent = identifiers.get(0);
            assertThat(sent.tags()).containsExactly(0x00080005, 0x00080050, 0x00080052, 0x00100020, 0x0020000D);
            assertThat(sent.string(0x00080052)).isEqualTo("STUDY");
            assertThat(sent.string(0x00080005)).isEqualTo("ISO_IR 100");

            String id = Json.MAPPER.readTree(q.body()).get("ID").asText();
            JsonNode answers = Json.MAPPER.readTree(server.get("/queries/" + id + "/answers?expand&simplify").body());
            assertThat(answers).hasSize(1);
            assertThat(answers.get(0).get("QueryRetrieveLevel").asText()).isEqualTo("STUDY");
            assertThat(answers.get(0).get("PatientID").asText()).isEqualTo("P1");
            // The query's LocalAet is inherited by child queries.
            assertThat(server.post("/queries/" + id + "/answers/0/query-series", "{}".getBytes()).statusCode())
                    .isEqualTo(200);
            assertThat(callingAets.get(3)).isEqualTo("ASKED");
            assertThat(identifiers.get(2).string(0x0020000D)).isEqualTo("1.2.3");
            assertThat(identifiers.get(2).string(0x00080052)).isEqualTo("SERIES");
        }
    }

    @Test
    void storeFailures() throws Exception {
        try (TestServer server = TestServer.start(modalities(1))) {
            String jpeg = upload(server, "DummyCT.dcm");
            String explicit = upload(server, "Brainix/Epi/IM-0001-0001.dcm");
            HttpResponse<String> ok = server.post("/modalities/peer/store", explicit.getBytes());
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(stored).hasSize(1);

            // A JPEG instance to a modality accepting uncompressed syntaxes only: no transcoding yet, error 2015.
            HttpResponse<String> compressed = server.post("/modalities/peer/store", jpeg.getBytes());
            assertThat(compressed.statusCode()).as(compressed.body()).isEqualTo(500);
            JsonNode e = Json.MAPPER.readTree(compressed.body());
            assertThat(e.get("OrthancStatus").asInt()).isEqualTo(2015);
            assertThat(e.get("Details").asText()).isEqualTo("No valid presentation context was negotiated for SOP"
                    + " class UID [1.2.840.10008.5.1.4.1.1.4] and transfer syntax [1.2.840.10008.1.2.4.70] while"
                    + " sending to modality [PEER]");

            // A C-STORE-RSP with a failure status.
            refusedInstance = Json.MAPPER.readTree(server.get("/instances/" + explicit + "/simplified-tags").body())
                    .get("SOPInstanceUID").asText();
            HttpResponse<String> refused = server.post("/modalities/peer/store", explicit.getBytes());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(500);
            e = Json.MAPPER.readTree(refused.body());
            assertThat(e.get("OrthancStatus").asInt()).isEqualTo(9);
            assertThat(e.get("Details").asText())
                    .isEqualTo("C-STORE SCU to AET \"PEER\" has failed with DIMSE status 0xA700");
        }
    }

    private static String upload(TestServer server, String sample) throws Exception {
        HttpResponse<String> r = server.post("/instances",
                java.nio.file.Files.readAllBytes(io.isengard.server.testing.Samples.get(sample)));
        return Json.MAPPER.readTree(r.body()).get("ID").asText();
    }

    @Test
    void aModalityThatNeverAnswersFailsAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0);
                TestServer server = TestServer.start(modalities(silent.getLocalPort()))) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().readAllBytes(); // reads the A-ASSOCIATE-RQ, never answers
                } catch (java.io.IOException e) {
                    // closed by the test
                }
            });
            HttpResponse<String> echo = server.post("/modalities/hanging/echo", "{\"Timeout\": 1}".getBytes());
            assertThat(echo.statusCode()).as(echo.body()).isEqualTo(500);
            JsonNode error = Json.MAPPER.readTree(echo.body());
            assertThat(error.get("OrthancStatus").asInt()).isEqualTo(9);
            assertThat(error.get("Details").asText()).startsWith("DicomAssociation - connecting to AET \"HANG\"");
            silent.close();
            acceptor.join();
        }
    }
}
