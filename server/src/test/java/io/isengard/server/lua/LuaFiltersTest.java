package io.isengard.server.lua;

import static io.isengard.server.lua.LuaTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.server.TestServer;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.DcmtkTools;
import io.isengard.server.testing.Jobs;
import io.isengard.server.testing.Samples;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The synchronous filters (lua.md §3): ReceivedInstanceFilter,
 * IncomingHttpRequestFilter, OutgoingCStoreInstanceFilter.
 */
class LuaFiltersTest {
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
            "alice:wonderland".getBytes(StandardCharsets.UTF_8));

    private static TestServer withFilter(Path dir, String source) throws Exception {
        Files.writeString(dir.resolve("filter.lua"), source);
        return TestServer.start("\"ExecuteLuaEnabled\": true, \"LuaScripts\": [\"" + dir.resolve("filter.lua")
                + "\"]");
    }

    @Test
    void receivedInstanceFilterDiscardsWhatItRefuses() throws Exception {
        Path dir = Files.createTempDirectory("isengard-lua-filter");
        try (TestServer server = withFilter(dir, """
                function ReceivedInstanceFilter(dicom, origin, info)
                   return dicom.PatientID ~= 'ozp00SjY2xG'
                end
                """)) {
            HttpResponse<String> refused = server.post("/instances",
                    Files.readAllBytes(Samples.get("DummyCT.dcm")));
            assertThat(refused.statusCode()).isEqualTo(200);
            JsonNode answer = Json.MAPPER.readTree(refused.body());
            assertThat(answer.path("Status").asText()).isEqualTo("FilteredOut");
            assertThat(server.get(answer.path("Path").asText()).statusCode()).isEqualTo(404);
            assertThat(Json.MAPPER.readTree(server.get("/statistics").body()).path("TotalDiskSize").asLong())
                    .isZero(); // nothing written to the storage either
            HttpResponse<String> accepted = server.post("/instances",
                    Files.readAllBytes(Samples.get("ColorTestMalaterre.dcm")));
            assertThat(Json.MAPPER.readTree(accepted.body()).path("Status").asText()).isEqualTo("Success");
        } finally {
            LuaCallbacksTest.deleteTree(dir);
        }
    }

    @Test
    void receivedCStoreInstanceFilterDiscardsWhatItRefusesOverDicomOnly() throws Exception {
        Path dir = Files.createTempDirectory("isengard-lua-cstore-filter");
        try (TestServer server = withFilter(dir, """
                function ReceivedCStoreInstanceFilter(dicom, origin, info)
                   if origin.RequestOrigin ~= 'DicomProtocol' or origin.RemoteAet ~= 'STORESCU' then
                      error('unexpected origin')
                   end
                   if dicom.PatientID == 'ozp00SjY2xG' then return 0 else return 1 end
                end
                """)) {
            Path refused = Samples.get("DummyCT.dcm"); // PatientID ozp00SjY2xG
            Path accepted = Samples.get("ColorTestMalaterre.dcm");
            io.isengard.server.testing.DcmtkTools.run(dir, 60, "storescu", "-aet", "STORESCU", "127.0.0.1",
                    Integer.toString(server.dicomPort()), refused.toString(), accepted.toString()).assertSuccess();

            // The refused instance is answered 0x0000 (storescu succeeds) but not stored; the other is.
            JsonNode instances = Json.MAPPER.readTree(server.get("/instances?expand").body());
            assertThat(instances).hasSize(1);
            assertThat(instances.get(0).path("MainDicomTags").path("SOPInstanceUID").asText())
                    .isNotEmpty();
            assertThat(Json.MAPPER.readTree(server.get("/patients?expand").body()).get(0)
                    .path("MainDicomTags").path("PatientID").asText()).isNotEqualTo("ozp00SjY2xG");
            // Not a C-STORE: the filter does not apply to REST uploads.
            HttpResponse<String> rest = server.post("/instances", Files.readAllBytes(refused));
            assertThat(Json.MAPPER.readTree(rest.body()).path("Status").asText()).isEqualTo("Success");
        } finally {
            LuaCallbacksTest.deleteTree(dir);
        }
    }

    @Test
    void outgoingCStoreInstanceFilterKeepsAStoreJobFromSendingWhatItRefuses() throws Exception {
        Path dir = Files.createTempDirectory("isengard-lua-filter");
        Path received = Files.createDirectories(dir.resolve("received"));
        int port = DcmtkTools.freePort();
        Files.writeString(dir.resolve("filter.lua"), """
                refused = ''
                destinations = ''
                function OutgoingCStoreInstanceFilter(dicom, destination)
                   destinations = destinations .. destination.RemoteAet .. '@' .. destination.RemoteIp .. ';'
                   return dicom.SOPInstanceUID ~= refused
                end
                """);
        try (DcmtkTools.Peer storescp = DcmtkTools.start(dir, "storescp", "+xa", "-aet", "SAMPLE", "-od",
                received.toString(), Integer.toString(port));
                TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true, \"LuaScripts\": [\""
                        + dir.resolve("filter.lua") + "\"], \"DicomModalities\": {\"sample\": [\"SAMPLE\", "
                        + "\"127.0.0.1\", " + port + "]}")) {
            Path first = Samples.get("Brainix/Epi/IM-0001-0001.dcm");
            Path second = Samples.get("Brainix/Epi/IM-0001-0002.dcm");
            String kept = Json.MAPPER.readTree(server.post("/instances", Files.readAllBytes(first)).body())
                    .path("ID").asText();
            String refusedId = Json.MAPPER.readTree(server.post("/instances", Files.readAllBytes(second)).body())
                    .path("ID").asText();
            String refusedUid = Json.MAPPER.readTree(server.get("/instances/" + refusedId + "/simplified-tags")
                    .body()).path("SOPInstanceUID").asText();
            run(server, "refused = '" + refusedUid + "'");
            Thread.sleep(300); // storescp listening

            HttpResponse<String> store = server.post("/modalities/sample/store",
                    ("{\"Resources\": [\"" + kept + "\", \"" + refusedId + "\"], \"Synchronous\": true}")
                            .getBytes(StandardCharsets.UTF_8));

            assertThat(store.statusCode()).as(store.body()).isEqualTo(200);
            assertThat(DcmtkTools.files(received)).hasSize(1);
            assertThat(run(server, "print(destinations)").trim()).isEqualTo("SAMPLE@127.0.0.1;SAMPLE@127.0.0.1;");
        }
    }

    /** "SynchronousCMove" false: the C-MOVE's store job goes through the same filter. */
    @Test
    void outgoingCStoreInstanceFilterAppliesToTheJobOfAnAsynchronousMove() throws Exception {
        Path dir = Files.createTempDirectory("isengard-lua-filter");
        Path received = Files.createDirectories(dir.resolve("received"));
        int port = DcmtkTools.freePort();
        Files.writeString(dir.resolve("filter.lua"), """
                refused = ''
                function OutgoingCStoreInstanceFilter(dicom, destination)
                   return dicom.SOPInstanceUID ~= refused
                end
                """);
        try (DcmtkTools.Peer storescp = DcmtkTools.start(dir, "storescp", "+xa", "-aet", "SAMPLE", "-od",
                received.toString(), Integer.toString(port));
                TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true, \"LuaScripts\": [\""
                        + dir.resolve("filter.lua") + "\"], \"SynchronousCMove\": false, \"DicomAet\": \"ISENGARD\","
                        + " \"DicomAlwaysAllowMove\": true, \"DicomModalities\": {\"sample\": [\"SAMPLE\", "
                        + "\"127.0.0.1\", " + port + "]}")) {
            for (String f : List.of("Brainix/Epi/IM-0001-0001.dcm", "Brainix/Epi/IM-0001-0002.dcm")) {
                assertThat(server.post("/instances", Files.readAllBytes(Samples.get(f))).statusCode()).isEqualTo(200);
            }
            String refusedUid = DicomReader.read(Samples.get("Brainix/Epi/IM-0001-0002.dcm"), ReadOptions.HEADER_ONLY)
                    .dataSet().string(0x00080018);
            run(server, "refused = '" + refusedUid + "'");
            Thread.sleep(300); // storescp listening

            DcmtkTools.run(dir, 60, "movescu", "-S", "-aet", "MOVESCU", "-aec", "ISENGARD", "-aem", "SAMPLE", "-k",
                    "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=2.16.840.1.113669.632.20.1211.10000357775",
                    "127.0.0.1", Integer.toString(server.dicomPort())).assertSuccess();

            JsonNode job = Jobs.onlyFinishedJob(() -> Json.MAPPER.readTree(server.get("/jobs?expand").body()));
            assertThat(job.path("State").asText()).as("%s", job).isEqualTo("Success");
            assertThat(job.path("Content").path("Description").asText()).isEqualTo("C-MOVE");
            assertThat(DcmtkTools.files(received)).hasSize(1);
        } finally {
            LuaCallbacksTest.deleteTree(dir);
        }
    }

    @Test
    void aFilterThatIsNoPredicateOrFailsRefusesTheStore() throws Exception {
        Path dir = Files.createTempDirectory("isengard-lua-filter");
        try (TestServer server = withFilter(dir, """
                function ReceivedInstanceFilter(dicom, origin, info)
                   if dicom.Modality == 'MR' then return 'yes' end
                   error('cannot decide')
                end
                """)) {
            HttpResponse<String> notPredicate = server.post("/instances",
                    Files.readAllBytes(Samples.get("DummyCT.dcm")));
            assertThat(notPredicate.statusCode()).isEqualTo(500);
            assertThat(Json.MAPPER.readTree(notPredicate.body()).path("OrthancStatus").asInt()).isEqualTo(2034);
            HttpResponse<String> failed = server.post("/instances",
                    Files.readAllBytes(Samples.get("ColorTestMalaterre.dcm")));
            assertThat(failed.statusCode()).isEqualTo(500);
            JsonNode error = Json.MAPPER.readTree(failed.body());
            assertThat(error.path("OrthancStatus").asInt()).isEqualTo(2031);
            assertThat(error.path("Details").asText()).isEqualTo("filter.lua:3: cannot decide");
            assertThat(Json.MAPPER.readTree(server.get("/instances").body())).isEmpty();
        } finally {
            LuaCallbacksTest.deleteTree(dir);
        }
    }

    @Test
    void incomingHttpRequestFilterSeesTheRequestAndMayForbidIt() throws Exception {
        try (TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true, \"AuthenticationEnabled\": true,"
                + " \"RegisteredUsers\": {\"alice\": \"wonderland\"}")) {
            HttpRequest.Builder define = HttpRequest.newBuilder(URI.create(server.url("/tools/execute-script")))
                    .header("Authorization", AUTHORIZATION).POST(HttpRequest.BodyPublishers.ofString("""
                            function IncomingHttpRequestFilter(method, uri, ip, username, headers)
                               if uri == '/system' then
                                  seen = table.concat({method, uri, ip, username, headers['x-custom'],
                                      tostring(headers['X-Custom'])}, '|')
                               end
                               return method ~= 'DELETE'
                            end
                            """));
            assertThat(server.send(define).statusCode()).isEqualTo(200);
            HttpResponse<String> system = server.send(HttpRequest.newBuilder(URI.create(server.url("/system?x=1")))
                    .header("Authorization", AUTHORIZATION).header("X-Custom", "Value"));
            assertThat(system.statusCode()).isEqualTo(200);
            HttpResponse<String> delete = server.send(HttpRequest.newBuilder(URI.create(
                    server.url("/instances/nothing"))).header("Authorization", AUTHORIZATION).DELETE());
            assertThat(delete.statusCode()).isEqualTo(403);
            assertThat(delete.body()).isEmpty();
            // Unauthenticated requests are refused before the filter.
            assertThat(server.delete("/instances/nothing").statusCode()).isEqualTo(401);
            HttpResponse<String> seen = server.send(HttpRequest.newBuilder(URI.create(
                    server.url("/tools/execute-script"))).header("Authorization", AUTHORIZATION)
                    .POST(HttpRequest.BodyPublishers.ofString("print(seen) IncomingHttpRequestFilter = nil")));
            assertThat(seen.body()).isEqualTo("GET|/system|127.0.0.1|alice|Value|nil\n");
            HttpResponse<String> after = server.send(HttpRequest.newBuilder(URI.create(
                    server.url("/instances/nothing"))).header("Authorization", AUTHORIZATION).DELETE());
            assertThat(after.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void restApiCallsFromLuaAreNotFiltered() throws Exception {
        try (TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true")) {
            run(server, "function IncomingHttpRequestFilter(method) return method == 'POST' end");
            assertThat(server.get("/system").statusCode()).isEqualTo(403);
            assertThat(run(server, "print(ParseJson(RestApiGet('/system')).DicomAet)")).isEqualTo("ORTHANC\n");
            run(server, "IncomingHttpRequestFilter = nil");
            assertThat(server.get("/system").statusCode()).isEqualTo(200);
        }
    }
}
