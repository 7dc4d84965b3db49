package io.isengard.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lua scripting (lua.md) compared with Debian's Orthanc, both started with
 * the same "LuaScripts": a ReceivedInstanceFilter that rejects MR images,
 * then the same scripts through /tools/execute-script.
 */
class LuaDifferentialTest {
    private static final String FILTER = """
            -- Rejects MR images; writes down its arguments, in a file per server.
            function ReceivedInstanceFilter(dicom, origin, info)
               local f = io.open(FOLDER .. '/seen-' .. tostring(GetOrthancConfiguration().HttpPort), 'a')
               f:write(table.concat({dicom.SOPInstanceUID, dicom.PatientName or '', origin.RequestOrigin,
                   origin.RemoteIp, origin.Username, tostring(info.HasPixelData),
                   tostring(info.TransferSyntaxUID)}, ', '), '\\n')
               f:close()
               return dicom.Modality ~= 'MR'
            end
            """;
    private static final List<String> SAMPLES = List.of("DummyCT.dcm", "ColorTestMalaterre.dcm",
            "2019-06-17-VedranZdesic.dcm", "Formats/JpegLossless.dcm");

    private static Path scripts;
    private static ServerPair pair;

    @BeforeAll
    static void start() throws IOException {
        scripts = TestDirs.create("isengard-lua-diff-");
        Path filter = scripts.resolve("filter.lua");
        Files.writeString(filter, "FOLDER = '" + scripts + "'\n" + FILTER);
        ObjectNode common = ServerPair.openConfiguration();
        common.put("ExecuteLuaEnabled", true);
        common.putArray("LuaScripts").add(filter.toString());
        pair = ServerPair.start(common);
    }

    @AfterAll
    static void stop() {
        ServerPair.closeAll(pair);
        if (scripts != null) {
            TestDirs.deleteRecursively(scripts);
        }
    }

    @Test
    void receivedInstanceFilterRejectsAsOrthancDoes() {
        java.util.Set<String> statuses = new java.util.TreeSet<>();
        for (String sample : SAMPLES) {
            Path file = SampleFiles.get(sample);
            HttpAnswer reference = pair.reference().postFile("/instances", file);
            HttpAnswer isengard = pair.candidate().postFile("/instances", file);
            assertThat(isengard.status()).as(sample).isEqualTo(reference.status());
            assertThat(isengard.json()).as(sample).isEqualTo(reference.json());
            statuses.add(reference.json().path("Status").asText());
        }
        assertThat(statuses).contains("FilteredOut").hasSizeGreaterThan(1); // some rejected, not all
        assertThat(pair.candidate().get("/instances").json()).isEqualTo(pair.reference().get("/instances").json());
        // The filter of each server wrote down its arguments: the same.
        try (var files = Files.list(scripts)) {
            List<String> seen = files.filter(p -> p.getFileName().toString().startsWith("seen-")).sorted()
                    .map(LuaDifferentialTest::read).toList();
            assertThat(seen).hasSize(2);
            assertThat(seen.get(0)).contains("RestApi, 127.0.0.1, , ").isEqualTo(seen.get(1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void filterDefinedThroughExecuteScriptHasNoEffect() {
        // It lives in the main context; uploads are filtered in the other one (lua.md §2).
        String script = "function ReceivedInstanceFilter() return false end";
        assertThat(execute(pair.candidate(), script).status()).isEqualTo(execute(pair.reference(), script).status());
        Path file = SampleFiles.get("ColorTestImageJ.dcm");
        HttpAnswer reference = pair.reference().postFile("/instances", file);
        HttpAnswer isengard = pair.candidate().postFile("/instances", file);
        assertThat(isengard.json().path("Status").asText()).isEqualTo(reference.json().path("Status").asText())
                .isNotEqualTo("FilteredOut");
    }

    @Test
    void onStoredInstanceGetsWhatOrthancGives() throws Exception {
        String script = """
                function OnStoredInstance(instanceId, tags, metadata, origin)
                   local f = io.open('%s/stored-' .. tostring(GetOrthancConfiguration().HttpPort), 'a')
                   f:write(table.concat({instanceId, tags.PatientID, tags.Modality, tags.SOPInstanceUID,
                       metadata.Origin, metadata.RemoteIP, metadata.TransferSyntax, metadata.SopClassUid,
                       origin.RequestOrigin, origin.RemoteIp, origin.Username}, ', '), '\\n')
                   f:close()
                end
                """.formatted(scripts);
        try {
            assertThat(execute(pair.candidate(), script).status()).isEqualTo(200);
            assertThat(execute(pair.reference(), script).status()).isEqualTo(200);
            Path file = SampleFiles.get("ColorTestImageJ.dcm");
            for (int i = 0; i < 2; i++) { // the second time: AlreadyStored, signalled too
                pair.reference().postFile("/instances", file);
                pair.candidate().postFile("/instances", file);
            }
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
            List<String> stored;
            do {
                Thread.sleep(50);
                try (var files = Files.list(scripts)) {
                    stored = files.filter(p -> p.getFileName().toString().startsWith("stored-")).sorted()
                            .map(LuaDifferentialTest::read).toList();
                }
            } while ((stored.size() < 2 || stored.stream().anyMatch(t -> t.lines().count() < 2))
                    && java.time.Instant.now().isBefore(deadline));
            assertThat(stored).hasSize(2);
            assertThat(stored.get(0).lines().toList()).hasSize(2);
            assertThat(stored.get(0)).contains(", CT, ", ", RestApi, 127.0.0.1, 1.2.840.10008.1.2.1, ", ", RestApi, 127.0.0.1, \n")
                    .isEqualTo(stored.get(1));
        } finally {
            execute(pair.candidate(), "OnStoredInstance = nil");
            execute(pair.reference(), "OnStoredInstance = nil");
        }
    }

    @Test
    void executeScriptAnswersAsOrthancDoes() {
        List<String> scripts = List.of(
                "print(42)",
                "",
                "print(1, nil, true, 'x') print('', 'x') print('a', '', 'b') print() print(nil)",
                "PrintRecursive({a = 1})",
                "PrintRecursive('text')",
                "print(DumpJson({a = '1', b = 2.0, c = true, d = {1, 2}, e = {}}))",
                "print(DumpJson({a = '1', c = true}, true))",
                "print(DumpJson('x')) print(DumpJson(3.5))",
                "print(ParseJson('{bad')) print(ParseJson('\"s\"')) print(ParseJson('{\"a\": \"b\"}').a)",
                "print(RestApiGet('/nothing')) print(RestApiDelete('/instances/nothing'))",
                "print(RestApiPut('/tools/default-encoding', 'Latin1'))",
                "print(ParseJson(RestApiGet('/system')).Name)",
                "print(type(OnStoredInstance)) print(type(PrintRecursive)) print(type(RestApiPost))",
                "error('boom')",
                "local t = nil\nt.x = 1",
                "print(#ParseJson(RestApiGet('/instances')))");
        for (String script : scripts) {
            HttpAnswer reference = execute(pair.reference(), script);
            HttpAnswer isengard = execute(pair.candidate(), script);
            assertThat(isengard.status()).as(script).isEqualTo(reference.status());
            // 1.10.1 sends text/plain without body and no Content-Type with its errors; 1.12.2+ the reverse.
            if (!reference.isEmpty() && reference.status() == 200) {
                assertThat(isengard.header("Content-Type")).as(script).isEqualTo(reference.header("Content-Type"));
            }
            if (reference.status() == 200) {
                assertThat(isengard.text()).as(script).isEqualTo(reference.text());
            } else {
                // Lua's own messages differ between LuaJ and C Lua ("index expected, got nil" for "attempt to
                // index a nil value"): the chunk and line are compared, and the text of error() itself.
                ObjectNode r = (ObjectNode) reference.json();
                ObjectNode i = (ObjectNode) isengard.json();
                String details = r.remove("Details").asText();
                String position = details.substring(0, details.indexOf(':', details.indexOf("]:") + 2) + 1);
                assertThat(i.remove("Details").asText()).as(script).startsWith(position);
                assertThat(i).as(script).isEqualTo(r);
            }
        }
    }

    @Test
    void incomingHttpRequestFilterForbidsAsOrthancDoes() {
        String script = """
                function IncomingHttpRequestFilter(method, uri, ip, username, headers)
                   if method == 'DELETE' then return false end
                   if uri == '/not-a-predicate' then return 3 end
                   return true
                end
                """;
        try {
            assertThat(execute(pair.candidate(), script).status()).isEqualTo(200);
            assertThat(execute(pair.reference(), script).status()).isEqualTo(200);
            for (String[] request : List.of(new String[] {"DELETE", "/instances/nothing"},
                    new String[] {"GET", "/not-a-predicate"}, new String[] {"GET", "/system"})) {
                HttpAnswer reference = pair.reference().send(request[0], request[1], null);
                HttpAnswer isengard = pair.candidate().send(request[0], request[1], null);
                String what = request[0] + " " + request[1];
                assertThat(isengard.status()).as(what).isEqualTo(reference.status());
                if (reference.status() != 200) {
                    // No headers: 1.12.2+ sends X-Content-Type-Options and a Content-Type with its errors,
                    // 1.10.1 neither.
                    assertThat(isengard.comparable(List.of())).as(what).isEqualTo(reference.comparable(List.of()));
                }
            }
        } finally {
            execute(pair.candidate(), "IncomingHttpRequestFilter = nil");
            execute(pair.reference(), "IncomingHttpRequestFilter = nil");
        }
    }

    private static HttpAnswer execute(RestClient client, String script) {
        return client.send("POST", "/tools/execute-script", script.getBytes(StandardCharsets.UTF_8));
    }
}
