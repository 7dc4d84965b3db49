package io.isengard.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.rest.HttpSettings;
import io.isengard.server.rest.JobSubmission;
import io.isengard.server.rest.OrthancRouter;
import io.isengard.server.rest.RestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Synchronous/Asynchronous convention (jobs.md §4) over real HTTP: a
 * route of the test submits {@link StepsJob}s through {@link JobSubmission}
 * as the job routes of later features will.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobSubmissionTest {
    private JobsEngine engine;
    private RestServer rest;
    private final HttpClient client = HttpClient.newHttpClient();
    private int port;

    @BeforeAll
    void start() throws Exception {
        engine = new JobsEngine(new JobsSettings(2, 10, false), new JobTypes(), null, false, Clock.systemUTC());
        engine.start(false);
        JobSubmission submission = new JobSubmission(engine);
        OrthancRouter router = new OrthancRouter();
        // Body: the convention's fields, plus "Steps" and "FailAt" of the test job.
        router.post("/test/steps", call -> {
            JsonNode body = call.bodyAsJson();
            JobSubmission.Options options = JobSubmission.options(body, true);
            submission.answer(call, new StepsJob("http", body.path("Steps").asInt(1), 0,
                    body.path("FailAt").asInt(-1), null, options.permissive()), options);
        });
        Path dir = Files.createTempDirectory("isengard-job-submission");
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"HttpPort\": 0, \"DicomPort\": 0, \"AuthenticationEnabled\": false}");
        rest = new RestServer(HttpSettings.of(new ConfigurationLoader(k -> null).load(config)), router, c -> { });
        port = rest.start();
        Files.delete(config);
        Files.delete(dir);
    }

    @AfterAll
    void stop() {
        rest.close();
        engine.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/test/steps"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JobsTestServer.JSON.readTree(r.body());
    }

    @Test
    void synchronousByDefaultAnswersTheContentOfTheSuccessfulJob() throws Exception {
        for (String body : List.of("{\"Steps\": 2}", "{\"Steps\": 2, \"Synchronous\": true}",
                "{\"Steps\": 2, \"Asynchronous\": false}")) {
            HttpResponse<String> r = post(body);
            assertThat(r.statusCode()).as(body).isEqualTo(200);
            JsonNode content = json(r);
            assertThat(content.get("Description").asText()).isEqualTo("Test");
            assertThat(content.get("ExecutedInThisProcess").asInt()).isEqualTo(2);
            // The job stays in the history, completed.
            assertThat(engine.infos()).anyMatch(i -> i.state() == JobState.Success);
        }
    }

    @Test
    void aSynchronousJobThatFailsAnswersItsErrorCodeAndDetails() throws Exception {
        HttpResponse<String> r = post("{\"Steps\": 2, \"FailAt\": 1}");
        assertThat(r.statusCode()).isEqualTo(500); // NetworkProtocol's HTTP status
        JsonNode error = json(r);
        assertThat(error.get("OrthancStatus").asInt()).isEqualTo(9);
        assertThat(error.get("Details").asText()).isEqualTo("step 1 of http failed");
        // Permissive: the failing command is skipped, the job succeeds.
        HttpResponse<String> permissive = post("{\"Steps\": 2, \"FailAt\": 1, \"Permissive\": true}");
        assertThat(permissive.statusCode()).isEqualTo(200);
        assertThat(json(permissive).get("ExecutedInThisProcess").asInt()).isEqualTo(1);
    }

    @Test
    void anAsynchronousJobIsListedWhenItsIdIsAnswered() throws Exception {
        for (String body : List.of("{\"Asynchronous\": true, \"Priority\": 4, \"UserData\": {\"k\": \"v\"}}",
                "{\"Synchronous\": false, \"Asynchronous\": false, \"Priority\": 4, \"UserData\": {\"k\": \"v\"}}")) {
            List<String> before = new ArrayList<>(engine.ids());
            HttpResponse<String> r = post(body);
            assertThat(r.statusCode()).as(body).isEqualTo(200);
            JsonNode answer = json(r);
            String id = answer.get("ID").asText();
            assertThat(answer.get("Path").asText()).isEqualTo("/jobs/" + id);
            List<String> after = new ArrayList<>(engine.ids());
            after.removeAll(before);
            assertThat(after).containsExactly(id);
            JobInfo done = JobsEngineTest.await(engine, id, i -> i.state().isCompleted());
            assertThat(done.priority()).isEqualTo(4);
            assertThat(done.userData().get("k").asText()).isEqualTo("v");
        }
    }

    @Test
    void fieldsOfAWrongTypeAreBadRequests() throws Exception {
        for (String body : List.of("[]", "{\"Synchronous\": 1}", "{\"Asynchronous\": \"yes\"}",
                "{\"Priority\": 1.5}", "{\"Priority\": \"1\"}", "{\"Permissive\": 0}")) {
            HttpResponse<String> r = post(body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(json(r).get("OrthancStatus").asInt()).as(body).isEqualTo(15);
        }
    }
}
