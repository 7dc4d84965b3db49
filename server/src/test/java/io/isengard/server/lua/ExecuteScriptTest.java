package io.isengard.server.lua;

import static io.isengard.server.lua.LuaTesting.execute;
import static io.isengard.server.lua.LuaTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.TestServer;
import io.isengard.server.rest.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /tools/execute-script (lua.md §6), with answers observed on Orthanc 1.10.1. */
class ExecuteScriptTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("\"ExecuteLuaEnabled\": true");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void disabledByDefault() throws Exception {
        try (TestServer off = TestServer.start("")) {
            HttpResponse<String> r = execute(off, "print(42)");
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void answersWhatThePrintsWrote() throws Exception {
        HttpResponse<String> r = execute(server, "print(42)");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(r.body()).isEqualTo("42\n");
        assertThat(run(server, "")).isEmpty();
    }

    @Test
    void printJoinsItsArgumentsAsOrthancDoes() throws Exception {
        assertThat(run(server, "print(1, nil, true, 'x') print('', 'x') print('a', '', 'b') print() print(nil)"
                + " print(1.5, 2)"))
                .isEqualTo("1, nil, true, x\nx\na, , b\n\nnil\n1.5, 2\n");
    }

    @Test
    void luaErrorsAreCannotExecuteLuaWithLuasMessage() throws Exception {
        HttpResponse<String> r = execute(server, "error('boom')");
        assertThat(r.statusCode()).isEqualTo(500);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.path("OrthancStatus").asInt()).isEqualTo(2031);
        assertThat(body.path("Message").asText()).isEqualTo("Cannot execute a Lua command");
        assertThat(body.path("Details").asText()).isEqualTo("[string \"line\"]:1: boom");

        JsonNode syntax = Json.MAPPER.readTree(execute(server, "x = ").body());
        assertThat(syntax.path("OrthancStatus").asInt()).isEqualTo(2031);
        assertThat(syntax.path("Details").asText()).startsWith("[string \"line\"]:1:");
    }

    @Test
    void globalsLastAcrossCalls() throws Exception {
        run(server, "counter = 41 function Bump() counter = counter + 1 return counter end");
        assertThat(run(server, "print(Bump())")).isEqualTo("42\n");
        assertThat(run(server, "print(type(Bump)) print(type(NeverDefined))")).isEqualTo("function\nnil\n");
    }

    @Test
    void printRecursiveWritesOneLinePerEntry() throws Exception {
        assertThat(run(server, "PrintRecursive({a=1, b={'x'}})"))
                .isIn("table\n\t[a], number, 1\n\t[b], table\n\t[b]\t[1], string, x\n",
                        "table\n\t[b], table\n\t[b]\t[1], string, x\n\t[a], number, 1\n");
    }
}
