package io.isengard.server.lua;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.TestServer;
import io.isengard.server.testing.Samples;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The functions given to Lua (lua.md §4, §5), on a server with
 * authentication, so that the HTTP client functions are checked against a
 * real HTTP server that wants credentials: this one.
 */
class LuaFunctionsTest {
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
            "alice:wonderland".getBytes(StandardCharsets.UTF_8));
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("\"ExecuteLuaEnabled\": true, \"AuthenticationEnabled\": true,"
                + " \"RegisteredUsers\": {\"alice\": \"wonderland\"}, \"Name\": \"lua-functions\"");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String lua(String script) throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/tools/execute-script")))
                .header("Authorization", AUTHORIZATION).POST(HttpRequest.BodyPublishers.ofString(script)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private String url(String path) {
        return server.url(path);
    }

    @Test
    void restApiGetPostPutDeleteCallTheRoutesInProcess() throws Exception {
        // No credentials needed: the calls do not go through HTTP (lua.md §4).
        assertThat(lua("print(ParseJson(RestApiGet('/system')).Name)")).isEqualTo("lua-functions\n");
        assertThat(lua("print(RestApiGet('/nothing'), RestApiGet(42), RestApiGet())")).isEqualTo("nil, nil, nil\n");
        assertThat(lua("print(RestApiPut('/tools/default-encoding', 'Utf8'))")).isEqualTo("Utf8\n");
        assertThat(lua("print(RestApiGet('/tools/default-encoding', true))")).isEqualTo("Utf8\n");
        lua("RestApiPut('/tools/default-encoding', 'Latin1')");
        assertThat(lua("print(RestApiGet('/system', false, {Accept = 'application/xml'}):sub(1, 5))"))
                .isEqualTo("<?xml\n");
        assertThat(lua("print(RestApiPost('/instances', 'not dicom'))")).isEqualTo("nil\n");
        assertThat(lua("print(RestApiDelete('/instances/nothing'))")).isEqualTo("nil\n");
    }

    @Test
    void instancesPostedFromLuaHaveOriginLua() throws Exception {
        String dicom = Samples.get("ColorTestMalaterre.dcm").toString();
        String id = lua("local f = io.open('" + dicom + "', 'rb') local d = f:read('*a') f:close()"
                + " print(ParseJson(RestApiPost('/instances', d)).ID)").strip();
        assertThat(lua("print(RestApiGet('/instances/" + id + "/metadata/Origin'))")).isEqualTo("Lua\n");
        assertThat(lua("print(RestApiDelete('/instances/" + id + "'))")).isEqualTo("true\n");
    }

    @Test
    void parseJsonAndDumpJson() throws Exception {
        assertThat(lua("local x = ParseJson('[1, 2.5, \"s\", true, {\"a\": [3]}]')"
                + " print(x[1], x[2], x[3], x[4], x[5].a[1], math.type and 'int' or 'no')"))
                .startsWith("1, 2.5, s, true, 3");
        assertThat(lua("print(ParseJson('{bad'), ParseJson(), ParseJson({}))")).isEqualTo("nil, nil, nil\n");
        assertThat(lua("print(DumpJson({a = '1', b = 2.0, c = true, d = {1, 2}, e = {}, f = '1.5', g = 'x'}))"))
                .isEqualTo("{\"a\":1,\"b\":2,\"c\":true,\"d\":[1,2],\"e\":[],\"f\":1.5,\"g\":\"x\"}\n");
        assertThat(lua("print(DumpJson({a = 1, b = 'x', c = false}, true))"))
                .isEqualTo("{\"a\":\"1\",\"b\":\"x\",\"c\":false}\n");
        assertThat(lua("print(DumpJson({[1] = 'a', [3] = 'c'}))")).isEqualTo("{\"1\":\"a\",\"3\":\"c\"}\n");
        assertThat(lua("print(DumpJson())")).isEqualTo("nil\n");
    }

    @Test
    void getOrthancConfigurationIsTheWholeConfiguration() throws Exception {
        assertThat(lua("local c = GetOrthancConfiguration() print(c.Name, c.HttpPort, c.RegisteredUsers.alice,"
                + " c.ExecuteLuaEnabled)")).isEqualTo("lua-functions, 0, wonderland, true\n");
    }

    @Test
    void generateDicomUid() throws Exception {
        String[] uids = lua("print(GenerateDicomUid()) print(GenerateDicomUid('series'))").split("\n");
        assertThat(uids).hasSize(2);
        assertThat(uids[0]).matches("[0-9]+(\\.[0-9]+)+").isNotEqualTo(uids[1]);
        assertThat(uids[0].length()).isLessThanOrEqualTo(64);
    }

    @Test
    void httpFunctionsWithCredentials() throws Exception {
        // With wrong credentials this server answers 401: nil.
        assertThat(lua("SetHttpCredentials('alice', 'wrong') print(HttpGet('" + url("/system") + "'))"))
                .isEqualTo("nil\n");
        String script = "SetHttpCredentials('alice', 'wonderland')"
                + " print(ParseJson(HttpGet('" + url("/system") + "')).Name)"
                + " print(HttpPut('" + url("/tools/default-encoding") + "', 'Latin1'))"
                // (Not /tools/execute-script: its lock is held by this very script, as in Orthanc.)
                + " print(#ParseJson(HttpPost('" + url("/tools/find") + "', '{\"Level\": \"Study\", \"Query\": {}}')))"
                + " print(HttpPost('" + url("/instances") + "', 'not dicom'))"
                + " print(HttpDelete('" + url("/instances/nothing") + "'))"
                + " print(HttpGet('" + url("/tools/now") + "', {['Accept'] = 'text/plain'}) ~= nil)";
        assertThat(lua(script)).isEqualTo("lua-functions\nLatin1\n0\nnil\nnil\ntrue\n");
    }

    @Test
    void httpDeleteAnswersSuccess() throws Exception {
        String dicom = Samples.get("DummyCT.dcm").toString();
        String id = lua("local f = io.open('" + dicom + "', 'rb') local d = f:read('*a') f:close()"
                + " print(ParseJson(RestApiPost('/instances', d)).ID)").strip();
        assertThat(lua("SetHttpCredentials('alice', 'wonderland') print(HttpDelete('" + url("/instances/" + id)
                + "'))")).isEqualTo("SUCCESS\n");
    }

    @Test
    void setHttpTimeoutEndsACallThatGetsNoAnswer() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never answers
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            assertThat(lua("SetHttpTimeout(1) print(HttpGet('http://127.0.0.1:" + silent.getLocalPort() + "/'))"))
                    .isEqualTo("nil\n");
            silent.close();
            acceptor.join();
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
            lua("SetHttpTimeout(0)");
        }
    }

    @Test
    void httpGetOnAnUnreachableServerIsNil() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(lua("print(HttpGet('http://127.0.0.1:" + port + "/'))")).isEqualTo("nil\n");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                url("/tools/execute-script"))).header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString("HttpDelete('http://127.0.0.1:" + port + "/')")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(500); // network errors of HttpDelete are Lua errors (lua.md §5.2)
        assertThat(r.body()).contains("2031");
    }
}
