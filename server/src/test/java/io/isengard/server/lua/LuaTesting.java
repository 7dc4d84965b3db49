package io.isengard.server.lua;

import io.isengard.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.assertj.core.api.Assertions;

/** Running Lua on a test server through /tools/execute-script, and waiting for asynchronous callbacks. */
final class LuaTesting {
    private LuaTesting() {}

    static HttpResponse<String> execute(TestServer server, String script) throws Exception {
        return server.post("/tools/execute-script", script.getBytes(StandardCharsets.UTF_8));
    }

    /** What the script printed; fails unless it ran. */
    static String run(TestServer server, String script) throws Exception {
        HttpResponse<String> r = execute(server, script);
        Assertions.assertThat(r.statusCode()).as("execute-script answered %s", r.body()).isEqualTo(200);
        return r.body();
    }

    /**
     * Runs {@code script} until what it prints satisfies {@code done} (event
     * callbacks run on their own thread); fails after a minute.
     */
    static String await(TestServer server, String script, Predicate<String> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        String last;
        do {
            last = run(server, script);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        return Assertions.fail("still \"%s\" after a minute of: %s", last, script);
    }
}
