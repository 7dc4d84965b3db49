package io.isengard.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lua's OnJobSubmitted, OnJobSuccess and OnJobFailure (lua.md) are called for the jobs of the engine. */
class LuaJobEventsTest {
    @TempDir
    Path dir;

    @Test
    void theJobCallbacksOfTheScriptsSeeEveryJob() throws Exception {
        Path script = dir.resolve("jobs.lua");
        Files.writeString(script, """
                events = ''
                function OnJobSubmitted(id) events = events .. 'submitted ' .. id .. ';' end
                function OnJobSuccess(id) events = events .. 'success ' .. id .. ';' end
                function OnJobFailure(id) events = events .. 'failure ' .. id .. ';' end
                """);
        try (JobsTestServer server = JobsTestServer.start(dir, "\"LuaScripts\": [\"" + script
                + "\"], \"ExecuteLuaEnabled\": true, \"SaveJobs\": false", false)) {
            String good = server.jobs().submit(StepsJob.sleeping("good", 2, 1), 0, null);
            String bad = server.jobs().submit(StepsJob.failing("bad", 3, 1), 0, null);

            String expected = "submitted " + good + ";";
            String events = "";
            for (int i = 0; i < 200; i++) {
                events = server.send("POST", "/tools/execute-script", "print(events)").body();
                if (events.contains("success " + good) && events.contains("failure " + bad)) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(events).contains(expected, "submitted " + bad + ";", "success " + good + ";",
                    "failure " + bad + ";");
            assertThat(events.indexOf("submitted " + good)).isLessThan(events.indexOf("success " + good));
        }
    }
}
