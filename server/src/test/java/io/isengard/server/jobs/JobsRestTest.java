package io.isengard.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** /jobs on a real server (jobs.md §1.1, §2, §3): every action in every state, errors, the JSON of a job. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsRestTest {
    private Path dir;
    private JobsTestServer server;
    private final List<String> gates = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("isengard-jobs-rest");
        server = JobsTestServer.start(dir, "\"ConcurrentJobs\": 1, \"JobsHistorySize\": 100, \"SaveJobs\": false",
                false);
    }

    @AfterAll
    void stop() throws Exception {
        // Let every gated step through, so that no worker is left waiting when the server closes.
        for (String g : gates) {
            StepsJob.open(g, 1000);
        }
        server.close();
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private String gated(String name, int steps) {
        gates.add(name);
        return server.jobs().submit(StepsJob.gated(name, steps), 0, null);
    }

    /** A job in state Paused: paused at once if still pending, else after its first step. */
    private String pausedJob(String name) throws Exception {
        String id = gated(name, 2);
        server.jobs().pause(id);
        if (server.jobs().info(id).state() == JobState.Running) {
            StepsJob.open(name, 1);
        }
        JobsEngineTest.await(server.jobs(), id, JobsEngineTest.in(JobState.Paused));
        return id;
    }

    @org.junit.jupiter.api.AfterEach
    void releaseAfterEach() throws Exception {
        releaseEverything();
    }

    private JsonNode job(String id) throws Exception {
        return server.getJson("/jobs/" + id);
    }

    private String state(String id) throws Exception {
        return job(id).get("State").asText();
    }

    /** The expected answer of an action: HTTP status, and the state right after it. */
    record Expect(int status, String stateAfter) {}

    static final List<String> ACTIONS = List.of("pause", "cancel", "resume", "resubmit");

    /** jobs.md §1.1, for a worker that stays busy (so nothing queued starts to run). */
    static final Map<JobState, List<Expect>> TABLE = new EnumMap<>(Map.of(
            JobState.Pending, List.of(new Expect(200, "Paused"), new Expect(200, "Failure"), new Expect(400, "Pending"),
                    new Expect(400, "Pending")),
            JobState.Retry, List.of(new Expect(200, "Paused"), new Expect(200, "Failure"), new Expect(400, "Retry"),
                    new Expect(400, "Retry")),
            JobState.Paused, List.of(new Expect(200, "Paused"), new Expect(200, "Failure"), new Expect(200, "Pending"),
                    new Expect(400, "Paused")),
            JobState.Success, List.of(new Expect(200, "Success"), new Expect(200, "Success"),
                    new Expect(400, "Success"), new Expect(400, "Success")),
            JobState.Failure, List.of(new Expect(200, "Failure"), new Expect(200, "Failure"),
                    new Expect(400, "Failure"), new Expect(200, "Pending"))));

    @Test
    void everyActionInEveryStateAnswersAsOrthanc() throws Exception {
        JobsEngine jobs = server.jobs();
        Map<JobState, List<String>> subjects = new LinkedHashMap<>();
        // Completed and retrying jobs first, while the single worker is free.
        List<String> success = new ArrayList<>();
        List<String> failure = new ArrayList<>();
        List<String> retry = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            success.add(jobs.submitAndWait(StepsJob.sleeping("success-" + i, 1, 0), 0, null).id());
            failure.add(jobs.submitAndWait(StepsJob.failing("failure-" + i, 1, 0), 0, null).id());
            String r = jobs.submit(new StepsJob.RetryLater(), 0, null);
            JobsEngineTest.await(jobs, r, JobsEngineTest.in(JobState.Retry));
            retry.add(r);
        }
        // Then the worker is kept busy, so that pending jobs stay pending.
        String blocker = gated("blocker", 1);
        JobsEngineTest.await(jobs, blocker, JobsEngineTest.in(JobState.Running));
        List<String> pending = new ArrayList<>();
        List<String> paused = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pending.add(gated("pending-" + i, 2)); // two steps: cancelled after the first, it fails
            String p = gated("paused-" + i, 1);
            assertThat(server.send("POST", "/jobs/" + p + "/pause", "").statusCode()).isEqualTo(200);
            paused.add(p);
        }
        subjects.put(JobState.Pending, pending);
        subjects.put(JobState.Retry, retry);
        subjects.put(JobState.Paused, paused);
        subjects.put(JobState.Success, success);
        subjects.put(JobState.Failure, failure);

        for (var e : subjects.entrySet()) {
            for (int a = 0; a < ACTIONS.size(); a++) {
                String id = e.getValue().get(a);
                assertThat(state(id)).isEqualTo(e.getKey().name());
                Expect expect = TABLE.get(e.getKey()).get(a);
                HttpResponse<String> r = server.send("POST", "/jobs/" + id + "/" + ACTIONS.get(a), "ignored body");
                String cell = e.getKey() + " × " + ACTIONS.get(a);
                assertThat(r.statusCode()).as(cell).isEqualTo(expect.status());
                assertThat(r.body()).as(cell).isEqualTo(expect.status() == 200 ? "{}" : "");
                if (expect.status() == 200) {
                    assertThat(r.headers().firstValue("Content-Type")).as(cell).hasValue("application/json");
                }
                JsonNode after = job(id);
                assertThat(after.get("State").asText()).as(cell).isEqualTo(expect.stateAfter());
                if (ACTIONS.get(a).equals("cancel") && !e.getKey().isCompleted()) {
                    assertThat(after.get("ErrorCode").asInt()).as(cell).isEqualTo(37);
                    assertThat(after.get("ErrorDescription").asText()).as(cell).isEqualTo("This job was canceled");
                    assertThat(after.get("ErrorDetails").asText()).as(cell).isEmpty();
                }
                if (ACTIONS.get(a).equals("resubmit") && expect.status() == 200) {
                    assertThat(after.get("ErrorCode").asInt()).as(cell).isZero();
                    assertThat(after.get("EffectiveRuntime").asDouble()).as(cell).isZero();
                    assertThat(after.get("Progress").asInt()).as(cell).isZero();
                }
            }
        }

        // Running: pause and cancel are scheduled for the end of the step; resume and resubmit are refused.
        for (String action : List.of("resume", "resubmit")) {
            assertThat(server.send("POST", "/jobs/" + blocker + "/" + action, "").statusCode()).isEqualTo(400);
            assertThat(state(blocker)).isEqualTo("Running");
        }
        assertThat(server.send("POST", "/jobs/" + blocker + "/pause", "").statusCode()).isEqualTo(200);
        assertThat(state(blocker)).isEqualTo("Running");
        StepsJob.open("blocker", 1);
        // Its only step ended: the job completed, which wins over the scheduled pause.
        assertThat(JobsEngineTest.await(jobs, blocker, i -> i.state().isCompleted()).state())
                .isEqualTo(JobState.Success);

        // The worker now takes the next pending job (a gated one of two steps): cancel it while its first
        // step runs (a cancelled last step would complete the job: success wins).
        String running = null;
        while (running == null) {
            running = jobs.infos().stream().filter(i -> i.state() == JobState.Running).map(JobInfo::id)
                    .findFirst().orElse(null);
            Thread.sleep(5);
        }
        String stepGate = job(running).get("Content").get("Name").asText();
        assertThat(server.send("POST", "/jobs/" + running + "/cancel", "").statusCode()).isEqualTo(200);
        assertThat(state(running)).isEqualTo("Running");
        StepsJob.open(stepGate, 1);
        JobInfo cancelled = JobsEngineTest.await(jobs, running, JobsEngineTest.in(JobState.Failure));
        assertThat(cancelled.errorCode().code()).isEqualTo(37);
    }

    /** Cancels what is left and opens every gate: the worker is free for the next test. */
    private void releaseEverything() throws Exception {
        for (JobInfo i : server.jobs().infos()) {
            server.jobs().cancel(i.id());
        }
        for (String g : gates) {
            StepsJob.open(g, 1000);
        }
        for (JobInfo i : server.jobs().infos()) {
            JobsEngineTest.await(server.jobs(), i.id(), j -> j.state().isCompleted());
        }
    }

    @Test
    void pauseOfARunningJobTakesEffectAfterItsStep() throws Exception {
        // (separate job on the same server; the other test leaves the worker free at its end)
        String id = gated("paused-while-running", 3);
        JobsEngineTest.await(server.jobs(), id, i -> i.state() == JobState.Running
                && i.content().get("Name").asText().equals("paused-while-running"));
        assertThat(server.send("POST", "/jobs/" + id + "/pause", "").statusCode()).isEqualTo(200);
        assertThat(state(id)).isEqualTo("Running");
        StepsJob.open("paused-while-running", 1);
        JobsEngineTest.await(server.jobs(), id, JobsEngineTest.in(JobState.Paused));
        JsonNode j = job(id);
        assertThat(j.get("Progress").asInt()).isEqualTo(33);
        assertThat(server.send("POST", "/jobs/" + id + "/resume", "").statusCode()).isEqualTo(200);
        StepsJob.open("paused-while-running", 2);
        JobsEngineTest.await(server.jobs(), id, JobsEngineTest.in(JobState.Success));
        assertThat(job(id).get("Content").get("ExecutedInThisProcess").asInt()).isEqualTo(3);
    }

    @Test
    void unknownJobsAndMissingOutputs() throws Exception {
        String unknown = "00000000-0000-4000-8000-000000000000";
        HttpResponse<String> get = server.send("GET", "/jobs/" + unknown, null);
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(get.body()).isEmpty();
        for (String action : ACTIONS) {
            HttpResponse<String> r = server.send("POST", "/jobs/" + unknown + "/" + action, "");
            assertThat(r.statusCode()).as(action).isEqualTo(400);
            assertThat(r.body()).as(action).isEmpty();
        }
        HttpResponse<String> delete = server.send("DELETE", "/jobs/" + unknown, null);
        assertThat(delete.statusCode()).isEqualTo(404);
        JsonNode error = JobsTestServer.JSON.readTree(delete.body());
        assertThat(error.get("OrthancStatus").asInt()).isEqualTo(7);
        assertThat(error.get("Details").asText()).isEqualTo("No job found with this id: " + unknown);

        String done = server.jobs().submitAndWait(StepsJob.sleeping("with-outputs", 1, 0), 0, null).id();
        for (String method : List.of("GET", "DELETE")) {
            HttpResponse<String> r = server.send(method, "/jobs/" + done + "/archive", null);
            assertThat(r.statusCode()).as(method).isEqualTo(404);
            assertThat(JobsTestServer.JSON.readTree(r.body()).get("Details").asText())
                    .isEqualTo("Job has no such output: archive");
        }
        // As Orthanc's router, GET on an action's name asks for an output of that name.
        HttpResponse<String> getPause = server.send("GET", "/jobs/" + done + "/pause", null);
        assertThat(getPause.statusCode()).isEqualTo(404);
        assertThat(JobsTestServer.JSON.readTree(getPause.body()).get("Details").asText())
                .isEqualTo("Job has no such output: pause");
        assertThat(server.send("PUT", "/jobs/" + done + "/pause", "").headers().firstValue("Allow"))
                .hasValue("GET,POST,DELETE");
        HttpResponse<String> put = server.send("PUT", "/jobs/" + done, "");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET,DELETE");
    }

    @Test
    void deleteRemovesACompletedJobOnly() throws Exception {
        String done = server.jobs().submitAndWait(StepsJob.sleeping("deleted", 1, 0), 0, null).id();
        String paused = pausedJob("not-deleted");
        HttpResponse<String> r = server.send("DELETE", "/jobs/" + paused, null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JobsTestServer.JSON.readTree(r.body()).get("OrthancStatus").asInt()).isEqualTo(7);
        r = server.send("DELETE", "/jobs/" + done, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(server.send("GET", "/jobs/" + done, null).statusCode()).isEqualTo(404);
        assertThat(server.getJson("/jobs")).extracting(JsonNode::asText).doesNotContain(done).contains(paused);
    }

    @Test
    void theJsonOfAJobHasOrthancsFields() throws Exception {
        JobsEngine jobs = server.jobs();
        String done = jobs.submitAndWait(StepsJob.sleeping("shape", 2, 1), 7, JobsTestServer.JSON.readTree(
                "{\"b\": 1, \"a\": [\"x\"]}")).id();
        JsonNode j = job(done);
        Set<String> keys = new TreeSet<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("CompletionTime", "Content", "CreationTime", "EffectiveRuntime", "ErrorCode",
                "ErrorDescription", "ErrorDetails", "ID", "Priority", "Progress", "State", "Timestamp", "Type",
                "UserData");
        assertThat(j.get("ID").asText()).isEqualTo(done).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(j.get("Type").asText()).isEqualTo(StepsJob.TYPE);
        assertThat(j.get("Priority").asInt()).isEqualTo(7);
        assertThat(j.get("Progress").asInt()).isEqualTo(100);
        assertThat(j.get("ErrorCode").asInt()).isZero();
        assertThat(j.get("ErrorDescription").asText()).isEqualTo("Success");
        assertThat(j.get("EffectiveRuntime").isDouble()).isTrue();
        for (String time : List.of("CompletionTime", "CreationTime", "Timestamp")) {
            assertThat(j.get(time).asText()).as(time).matches("\\d{8}T\\d{6}(\\.\\d{6})?");
        }
        assertThat(j.get("Content").get("Description").asText()).isEqualTo("Test");
        assertThat(j.get("UserData")).isEqualTo(JobsTestServer.JSON.readTree("{\"a\": [\"x\"], \"b\": 1}"));
        // Keys are written sorted, as jsoncpp does.
        String text = server.send("GET", "/jobs/" + done, null).body();
        assertThat(text.indexOf("\"CompletionTime\"")).isLessThan(text.indexOf("\"Content\""));
        assertThat(text.indexOf("\"Name\"")).isLessThan(text.indexOf("\"Steps\""));

        String paused = pausedJob("shape-paused");
        JsonNode p = job(paused);
        assertThat(p.has("CompletionTime")).isFalse();
        assertThat(p.has("UserData")).isFalse();

        JsonNode list = server.getJson("/jobs");
        List<String> ids = new ArrayList<>();
        list.forEach(n -> ids.add(n.asText()));
        assertThat(ids).isSorted().contains(done, paused);
        JsonNode expanded = server.getJson("/jobs?expand");
        assertThat(expanded).hasSize(ids.size());
        List<String> expandedIds = new ArrayList<>();
        expanded.forEach(n -> expandedIds.add(n.get("ID").asText()));
        assertThat(expandedIds).isEqualTo(ids);
        assertThat(server.getJson("/jobs?expand=false")).isEqualTo(list.deepCopy());
        assertThat(server.send("GET", "/jobs?expand=maybe", null).statusCode()).isEqualTo(400);
    }

    @Test
    void theJobsGaugesCountJobsByState() throws Exception {
        server.jobs().submitAndWait(StepsJob.sleeping("counted", 1, 0), 0, null);
        String text = server.send("GET", "/tools/metrics-prometheus", null).body();
        long[] counts = server.jobs().counts();
        assertThat(counts[2]).isPositive();
        assertThat(text).containsPattern("orthanc_jobs_success [1-9][0-9]* ");
        assertThat(text).containsPattern("orthanc_jobs_completed [1-9][0-9]* ");
    }
}
