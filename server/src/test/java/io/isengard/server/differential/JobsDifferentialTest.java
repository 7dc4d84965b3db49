package io.isengard.server.differential;

import static io.isengard.server.differential.RequestCase.get;
import static io.isengard.server.differential.RequestCase.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.jobs.Job;
import io.isengard.server.jobs.StepResult;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /jobs against the reference Orthanc (jobs.md §2, §3): the answers to
 * wrong requests (unknown job, wrong method, action that does not apply),
 * and the JSON of a completed job. Orthanc 1.10.1 creates jobs through its
 * archive routes, which Isengard does not have yet: Isengard's job is one of
 * the test's, so its JSON is compared by its fields, not its content.
 *
 * <p>Where 1.12 differs (DELETE on a job and on an output, 1.12.1 and
 * 1.12.2), Isengard follows 1.12 and the case says what it answers instead.
 */
class JobsDifferentialTest {
    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";
    private static ServerPair servers;

    @BeforeAll
    static void start() {
        servers = ServerPair.start(ServerPair.openConfiguration());
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static boolean allows(HttpAnswer a, String allow) {
        return a.status() == 405 && allow.equals(a.header("Allow"));
    }

    /** One sequence: the wrong requests see no job yet, then both servers run one. */
    @Test
    void wrongRequestsThenACompletedJob() throws Exception {
        wrongRequests();
        aCompletedJob();
    }

    private void wrongRequests() {
        DiffReport report = new DiffReport("jobs", servers.referenceVersion());
        List<RequestCase> cases = List.of(
                get("/jobs"),
                get("/jobs?expand"),
                get("/jobs?expand=false"),
                get("/jobs/" + UNKNOWN),
                request("POST", "/jobs/" + UNKNOWN + "/pause"),
                request("POST", "/jobs/" + UNKNOWN + "/cancel"),
                request("POST", "/jobs/" + UNKNOWN + "/resume").body("{}"),
                request("POST", "/jobs/" + UNKNOWN + "/resubmit"),
                get("/jobs/" + UNKNOWN + "/archive"),
                get("/jobs/" + UNKNOWN + "/pause"),
                request("POST", "/jobs"),
                request("PUT", "/jobs"),
                request("DELETE", "/jobs"),
                request("POST", "/jobs/" + UNKNOWN + "/archive").changedIn("1.12.1",
                        "DELETE /jobs/{id}/{key} is 1.12.1+ (jobs.md §3)", "405, Allow: GET,DELETE",
                        a -> allows(a, "GET,DELETE")),
                request("POST", "/jobs/" + UNKNOWN).changedIn("1.12.2",
                        "DELETE /jobs/{id} is 1.12.2+ (jobs.md §3)", "405, Allow: GET,DELETE",
                        a -> allows(a, "GET,DELETE")),
                request("PUT", "/jobs/" + UNKNOWN + "/pause").changedIn("1.12.1",
                        "DELETE /jobs/{id}/{key} is 1.12.1+, and matches /jobs/{id}/pause (jobs.md §3)",
                        "405, Allow: GET,POST,DELETE", a -> allows(a, "GET,POST,DELETE")),
                request("DELETE", "/jobs/" + UNKNOWN).changedIn("1.12.2",
                        "DELETE /jobs/{id} is 1.12.2+ (jobs.md §3)", "404, OrthancStatus 7",
                        a -> RequestCase.isError(a, 404, 7)),
                request("DELETE", "/jobs/" + UNKNOWN + "/archive").changedIn("1.12.1",
                        "DELETE /jobs/{id}/{key} is 1.12.1+ (jobs.md §3)", "404, OrthancStatus 7",
                        a -> RequestCase.isError(a, 404, 7)));
        for (RequestCase c : cases) {
            c.known(KnownDifferences.EMPTY_ANSWERS).run(servers, report);
        }
        report.finish();
    }

    /** A job of one step whose content looks like one of a REST route. */
    private static final class OneStep implements Job {
        private boolean done;

        @Override
        public String type() {
            return "IsengardDifferentialTest";
        }

        @Override
        public StepResult step() {
            done = true;
            return StepResult.success();
        }

        @Override
        public double progress() {
            return done ? 1 : 0;
        }

        @Override
        public ObjectNode content() {
            return new ObjectMapper().createObjectNode().put("Description", "REST API");
        }

        @Override
        public ObjectNode serialize() {
            return null;
        }

        @Override
        public void reset() {
            done = false;
        }
    }

    private void aCompletedJob() throws Exception {
        DiffReport report = new DiffReport("jobs-completed", servers.referenceVersion());
        HttpAnswer stored = servers.reference().postFile("/instances", SampleFiles.get("DummyCT.dcm"));
        String patient = stored.json().get("ParentPatient").asText();
        String refId = servers.reference().post("/patients/" + patient + "/archive", "{\"Asynchronous\": true}")
                .json().get("ID").asText();
        String isgId = servers.isengard().server().jobs().submitAndWait(new OneStep(), 0, null).id();
        JsonNode ref = servers.reference().get("/jobs/" + refId).json();
        while (!ref.get("State").asText().equals("Success") && !ref.get("State").asText().equals("Failure")) {
            Thread.sleep(20);
            ref = servers.reference().get("/jobs/" + refId).json();
        }
        JsonNode isg = servers.candidate().get("/jobs/" + isgId).json();
        report.expect("GET /jobs/{id}", "the same fields", fields(ref).equals(fields(isg)), fields(ref).toString(),
                fields(isg).toString());
        for (String same : List.of("State", "Priority", "Progress", "ErrorCode", "ErrorDescription",
                "ErrorDetails")) {
            report.expect("GET /jobs/{id}", same, ref.get(same).equals(isg.get(same)), ref.get(same).toString(),
                    isg.get(same).toString());
        }
        for (String time : List.of("CreationTime", "CompletionTime", "Timestamp")) {
            report.expect("GET /jobs/{id}", time + " in Orthanc's form",
                    isg.get(time).asText().matches("\\d{8}T\\d{6}(\\.\\d{6})?"), ref.get(time).asText(),
                    isg.get(time).asText());
        }
        report.expect("GET /jobs/{id}", "EffectiveRuntime is a number", isg.get("EffectiveRuntime").isNumber(),
                ref.get("EffectiveRuntime").toString(), isg.get("EffectiveRuntime").toString());
        // The actions on a completed job: no-ops for pause and cancel, refusals for resume and resubmit.
        for (String action : List.of("pause", "cancel", "resume", "resubmit")) {
            HttpAnswer r = servers.reference().post("/jobs/" + refId + "/" + action, "");
            HttpAnswer g = servers.candidate().post("/jobs/" + isgId + "/" + action, "");
            report.expect("POST /jobs/{completed}/" + action, "status, Content-Type and body",
                    r.status() == g.status() && r.text().equals(g.text())
                            && java.util.Objects.equals(r.header("Content-Type"), g.header("Content-Type")),
                    r.status() + " " + r.header("Content-Type") + " '" + r.text() + "'",
                    g.status() + " " + g.header("Content-Type") + " '" + g.text() + "'");
        }
        JsonNode refList = servers.reference().get("/jobs?expand").json();
        JsonNode isgList = servers.candidate().get("/jobs?expand").json();
        report.expect("GET /jobs?expand", "one object per job, with the fields of GET /jobs/{id}",
                refList.size() == 1 && isgList.size() == 1 && fields(refList.get(0)).equals(fields(isgList.get(0))),
                refList.size() + " " + fields(refList.get(0)), isgList.size() + " " + fields(isgList.get(0)));
        report.finish();
    }

    private static Set<String> fields(JsonNode o) {
        Set<String> s = new TreeSet<>();
        o.fieldNames().forEachRemaining(s::add);
        return s;
    }
}
