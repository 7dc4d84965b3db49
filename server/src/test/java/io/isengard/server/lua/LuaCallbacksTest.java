package io.isengard.server.lua;

import static io.isengard.server.lua.LuaTesting.await;
import static io.isengard.server.lua.LuaTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.TestServer;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.Samples;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The event callbacks (lua.md §3) on a real server, with their arguments. */
class LuaCallbacksTest {
    private static byte[] sample(String name) throws Exception {
        return Files.readAllBytes(Samples.get(name));
    }

    private static String upload(TestServer server, String sample) throws Exception {
        HttpResponse<String> r = server.post("/instances", sample(sample));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body()).path("ID").asText();
    }

    /** Writes a script next to the test server's configuration and answers the LuaScripts member naming it. */
    private static String scripts(Path dir, String name, String source) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), source);
        return "\"LuaScripts\": [\"" + dir.resolve(name) + "\"]";
    }

    @Test
    void onStoredInstanceGetsIdTagsMetadataAndOrigin() throws Exception {
        try (TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true")) {
            run(server, """
                    stored = ''
                    function OnStoredInstance(instanceId, tags, metadata, origin)
                       stored = stored .. table.concat({instanceId, tags.PatientID, tags.Modality,
                           metadata.Origin, metadata.RemoteIP, metadata.TransferSyntax, origin.RequestOrigin,
                           origin.RemoteIp, origin.Username}, '|') .. '\\n'
                    end
                    """);
            String id = upload(server, "DummyCT.dcm");
            String line = id + "|ozp00SjY2xG|MR|RestApi|127.0.0.1|1.2.840.10008.1.2.4.70|RestApi|127.0.0.1|\n";
            assertThat(await(server, "print(stored)", s -> !s.isBlank())).isEqualTo(line + "\n");
            // Also when the instance was already stored (lua.md §3).
            upload(server, "DummyCT.dcm");
            assertThat(await(server, "print(stored)", s -> s.length() > line.length() + 1))
                    .isEqualTo(line + line + "\n");
        }
    }

    @Test
    void onStoredInstanceTagsAndMetadataAreWholeTables() throws Exception {
        try (TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true")) {
            run(server, """
                    function OnStoredInstance(instanceId, tags, metadata, origin)
                       local n = 0
                       for k, v in pairs(tags) do n = n + 1 end
                       dumped = DumpJson(tags, true) .. '\\n' .. n .. '\\n' .. tostring(next(metadata) ~= nil)
                    end
                    """);
            String id = upload(server, "ColorTestMalaterre.dcm");
            String printed = await(server, "print(dumped)", s -> !s.equals("nil\n"));
            String[] lines = printed.split("\n");
            com.fasterxml.jackson.databind.node.ObjectNode expected = (com.fasterxml.jackson.databind.node.ObjectNode)
                    Json.MAPPER.readTree(server.get("/instances/" + id + "/simplified-tags").body());
            expected.remove("PixelData"); // null (binary): absent in Lua (lua.md §3.1)
            assertThat(Json.MAPPER.readTree(lines[0])).isEqualTo(expected);
            assertThat(Integer.parseInt(lines[1])).isEqualTo(expected.size());
            assertThat(lines[2]).isEqualTo("true");
        }
    }

    @Test
    void aFailingCallbackBreaksNeitherIngestNorLaterEvents() throws Exception {
        try (TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true")) {
            run(server, """
                    calls = 0
                    function OnStoredInstance(instanceId)
                       calls = calls + 1
                       if calls == 1 then error('first call fails') end
                    end
                    """);
            upload(server, "DummyCT.dcm");
            upload(server, "ColorTestMalaterre.dcm");
            assertThat(await(server, "print(calls)", s -> s.equals("2\n"))).isEqualTo("2\n");
            assertThat(Json.MAPPER.readTree(server.get("/instances").body())).hasSize(2);
        }
    }

    @Test
    void onStoredInstanceModifiesAndReStoresAsOrthancsRecipe() throws Exception {
        Path dir = Files.createTempDirectory("isengard-lua-recipe");
        // Orthanc Book, "Modifying instances on reception", unchanged but for the replaced tag.
        String recipe = """
                function OnStoredInstance(instanceId, tags, metadata, origin)
                   -- Do not modify twice the same file
                   if origin['RequestOrigin'] ~= 'Lua' then
                      local replace = {}
                      replace['StationName'] = 'My Modality'
                      local request = {}
                      request['Replace'] = replace
                      -- Modify the instance, send it, then delete the modified instance
                      local modified = RestApiPost('/instances/' .. instanceId .. '/modify', DumpJson(request, true))
                      local modifiedId = ParseJson(RestApiPost('/instances', modified)) ['ID']
                      RestApiDelete('/instances/' .. instanceId)
                   end
                end
                """;
        try (TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true, "
                + scripts(dir, "modify.lua", recipe))) {
            String original = upload(server, "DummyCT.dcm");
            String remaining = await(server, "print(RestApiGet('/instances'))",
                    s -> !s.contains(original) && size(s) == 1);
            String id = Json.MAPPER.readTree(remaining).get(0).asText();
            JsonNode tags = Json.MAPPER.readTree(server.get("/instances/" + id + "/simplified-tags").body());
            assertThat(tags.path("StationName").asText()).isEqualTo("My Modality");
            assertThat(tags.path("PatientID").asText()).isEqualTo("ozp00SjY2xG");
            assertThat(server.get("/instances/" + id + "/metadata/Origin").body()).isEqualTo("Lua");
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void toolboxOperationsRunAfterTheCallbackInOrder() throws Exception {
        Path dir = Files.createTempDirectory("isengard-lua-toolbox");
        Path copy = dir.resolve("copy.dcm");
        String script = """
                function OnStoredInstance(instanceId, tags, metadata, origin)
                   if origin['RequestOrigin'] ~= 'Lua' then
                      local replace = {}
                      replace['StationName'] = 'Routed'
                      -- The modified copy goes through CallSystem; then the original is deleted.
                      CallSystem(ModifyInstance(instanceId, replace, {}, true), 'sh', {'-c', 'cp "$0" %s'})
                      Delete(instanceId)
                   end
                end
                """.formatted(copy);
        try (TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true, "
                + scripts(dir, "toolbox.lua", script))) {
            String original = upload(server, "DummyCT.dcm");
            String remaining = await(server, "print(RestApiGet('/instances'))",
                    s -> !s.contains(original) && size(s) == 1);
            String id = Json.MAPPER.readTree(remaining).get(0).asText();
            assertThat(Json.MAPPER.readTree(server.get("/instances/" + id + "/simplified-tags").body())
                    .path("StationName").asText()).isEqualTo("Routed");
            // The file given to the command was the modified instance.
            byte[] copied = Files.readAllBytes(copy);
            assertThat(new String(copied, 128, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("DICM");
            assertThat(new String(copied, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("Routed");
            // Outside OnStoredInstance/OnStable*, the helpers record nothing (lua.md §5.3).
            assertThat(run(server, "print(Delete('" + id + "'))")).isEqualTo("nil\n");
            assertThat(server.get("/instances/" + id).statusCode()).isEqualTo(200);
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void onStableSeriesStudyAndPatient() throws Exception {
        try (TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true, \"StableAge\": 1")) {
            run(server, """
                    stable = {}
                    function OnStableSeries(id, tags, metadata) stable.series = id .. '|' .. tags.Modality
                        .. '|' .. tostring(metadata.LastUpdate ~= nil) end
                    function OnStableStudy(id, tags, metadata) stable.study = id .. '|' .. tostring(tags.StudyDate)
                        .. '|' .. tostring(tags.PatientID) end
                    function OnStablePatient(id, tags, metadata) stable.patient = id .. '|' .. tags.PatientID end
                    """);
            JsonNode stored = Json.MAPPER.readTree(server.post("/instances", sample("DummyCT.dcm")).body());
            await(server, "print(stable.series ~= nil and stable.study ~= nil and stable.patient ~= nil)",
                    s -> s.equals("true\n"));
            String printed = run(server, "print(stable.series, stable.study, stable.patient)");
            assertThat(printed).isEqualTo(stored.path("ParentSeries").asText() + "|MR|true, "
                    + stored.path("ParentStudy").asText() + "|20070101|nil, "
                    + stored.path("ParentPatient").asText() + "|ozp00SjY2xG\n");
        }
    }

    @Test
    void onDeletedOncePerRemovedResourceAtEveryLevel() throws Exception {
        try (TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true")) {
            run(server, """
                    deleted = {}
                    function OnDeletedPatient(id) table.insert(deleted, 'patient ' .. id) end
                    function OnDeletedStudy(id) table.insert(deleted, 'study ' .. id) end
                    function OnDeletedSeries(id) table.insert(deleted, 'series ' .. id) end
                    function OnDeletedInstance(id) table.insert(deleted, 'instance ' .. id) end
                    """);
            JsonNode stored = Json.MAPPER.readTree(server.post("/instances", sample("DummyCT.dcm")).body());
            // Deleting the only instance removes its ancestors too: each is signalled.
            assertThat(server.delete("/instances/" + stored.path("ID").asText()).statusCode()).isEqualTo(200);
            String script = "table.sort(deleted) print(table.concat(deleted, ','))";
            String expected = String.join(",", "instance " + stored.path("ID").asText(),
                    "patient " + stored.path("ParentPatient").asText(), "series " + stored.path("ParentSeries").asText(),
                    "study " + stored.path("ParentStudy").asText()) + "\n";
            assertThat(LuaTesting.await(server, script, s -> s.split(",").length == 4)).isEqualTo(expected);
            // Deleting a patient removes its descendants: each is signalled.
            run(server, "deleted = {}");
            stored = Json.MAPPER.readTree(server.post("/instances", sample("DummyCT.dcm")).body());
            assertThat(server.delete("/patients/" + stored.path("ParentPatient").asText()).statusCode())
                    .isEqualTo(200);
            assertThat(LuaTesting.await(server, script, s -> s.split(",").length == 4)).isEqualTo(expected);
        }
    }

    @Test
    void onUpdatedWhenMetadataOrAttachmentsChange() throws Exception {
        try (TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true")) {
            run(server, """
                    updated = {}
                    function OnUpdatedInstance(id) table.insert(updated, 'instance ' .. id) end
                    function OnUpdatedStudy(id) table.insert(updated, 'study ' .. id) end
                    """);
            JsonNode stored = Json.MAPPER.readTree(server.post("/instances", sample("DummyCT.dcm")).body());
            String instance = stored.path("ID").asText();
            String study = stored.path("ParentStudy").asText();
            java.net.http.HttpRequest.Builder put = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    server.url("/instances/" + instance + "/metadata/1024")))
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("v"));
            assertThat(server.send(put).statusCode()).isEqualTo(200);
            assertThat(server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    server.url("/studies/" + study + "/attachments/1024")))
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("a"))).statusCode()).isEqualTo(200);
            assertThat(server.delete("/instances/" + instance + "/metadata/1024").statusCode()).isEqualTo(200);
            assertThat(LuaTesting.await(server, "print(table.concat(updated, ','))", s -> s.split(",").length == 3))
                    .isEqualTo("instance " + instance + ",study " + study + ",instance " + instance + "\n");
        }
    }

    @Test
    void initializeRunsAtStartAndFinalizeAtStop() throws Exception {
        Path dir = Files.createTempDirectory("isengard-lua-lifecycle");
        Path finalized = dir.resolve("finalized");
        String script = """
                function Initialize() initialized = 'yes' end
                function Finalize()
                   local f = io.open('%s', 'w') f:write('bye') f:close()
                end
                """.formatted(finalized);
        try {
            try (TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true, "
                    + scripts(dir, "lifecycle.lua", script))) {
                assertThat(await(server, "print(initialized)", s -> s.equals("yes\n"))).isEqualTo("yes\n");
                assertThat(finalized).doesNotExist();
            }
            assertThat(finalized).hasContent("bye");
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void onHeartBeatEveryLuaHeartBeatPeriod() throws Exception {
        Path dir = Files.createTempDirectory("isengard-lua-heartbeat");
        try (TestServer server = TestServer.start("\"ExecuteLuaEnabled\": true, \"LuaHeartBeatPeriod\": 1, "
                + scripts(dir, "beat.lua", "beats = 0 function OnHeartBeat() beats = beats + 1 end"))) {
            assertThat(await(server, "print(beats >= 2)", s -> s.equals("true\n"))).isEqualTo("true\n");
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void scriptsAreLoadedInOrderRelativeToTheConfigurationFolder() throws Exception {
        Path dir = Files.createTempDirectory("isengard-lua-order");
        try {
            Files.writeString(dir.resolve("first.lua"), "order = 'first' function Who() return 1 end");
            Files.writeString(dir.resolve("second.lua"), "order = order .. ',second' function Who() return 2 end");
            Path config = dir.resolve("config.json");
            Files.writeString(config, "{\"HttpPort\": 0, \"DicomPort\": 0, \"StorageDirectory\": \"" + dir.resolve("storage")
                    + "\", \"ExecuteLuaEnabled\": true, \"LuaScripts\": [\"first.lua\", \"second.lua\"]}");
            try (io.isengard.server.Server s = io.isengard.server.Server.start(
                    io.isengard.server.config.ConfigurationLoader.withSystemEnvironment().load(config))) {
                HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.httpPort()
                                + "/tools/execute-script")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "print(order, Who())")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).isEqualTo("first,second, 2\n");
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void aMissingOrFailingScriptStopsTheStart() throws Exception {
        Path dir = Files.createTempDirectory("isengard-lua-bad");
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(
                    "\"LuaScripts\": [\"" + dir.resolve("missing.lua") + "\"]").close())
                    .hasMessageContaining("missing.lua");
            String failing = scripts(dir, "bad.lua", "\n\nerror('bad script')");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(failing).close())
                    .hasMessageContaining("bad.lua:3: bad script");
        } finally {
            deleteTree(dir);
        }
    }

    /** The number of items of a JSON array printed by a script. */
    private static int size(String json) {
        try {
            return Json.MAPPER.readTree(json).size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws Exception {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
