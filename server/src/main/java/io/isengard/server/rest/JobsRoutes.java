package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.jobs.JobInfo;
import io.isengard.server.jobs.JobOutput;
import io.isengard.server.jobs.JobsEngine;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.OrthancTime;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Predicate;

/** /jobs (jobs.md §3): listing, one job, user actions, removal, outputs. */
public final class JobsRoutes {
    private final JobsEngine engine;

    public JobsRoutes(JobsEngine engine) {
        this.engine = engine;
    }

    public void register(OrthancRouter r) {
        r.get("/jobs", this::list);
        r.get("/jobs/{id}", call -> {
            JobInfo info = engine.info(call.parameter("id"));
            if (info != null) { // unknown: Orthanc's handler does not answer (404, empty body)
                call.answerJson(json(info));
            }
        });
        r.delete("/jobs/{id}", call -> {
            String id = call.parameter("id");
            if (!engine.forget(id)) {
                throw new OrthancException(ErrorCode.InexistentItem, "No job found with this id: " + id);
            }
            call.answerText("");
        });
        // Unknown job, or an action that does not apply to its state: no answer (400, empty body).
        r.post("/jobs/{id}/cancel", call -> action(call, engine::cancel));
        r.post("/jobs/{id}/pause", call -> action(call, engine::pause));
        r.post("/jobs/{id}/resume", call -> action(call, engine::resume));
        r.post("/jobs/{id}/resubmit", call -> action(call, engine::resubmit));
        r.get("/jobs/{id}/{key}", call -> getOutput(call, call.parameter("key")));
        r.delete("/jobs/{id}/{key}", call -> deleteOutput(call, call.parameter("key")));
        // Orthanc's router tries the output route too when an action name has no handler for the method:
        // GET /jobs/{id}/pause asks for the output "pause" (and the Allow header of a 405 lists all three).
        for (String action : java.util.List.of("cancel", "pause", "resume", "resubmit")) {
            r.get("/jobs/{id}/" + action, call -> getOutput(call, action));
            r.delete("/jobs/{id}/" + action, call -> deleteOutput(call, action));
        }
    }

    private void getOutput(RestCall call, String key) throws IOException {
        JobOutput out = engine.output(call.parameter("id"), key);
        if (out == null) {
            throw noSuchOutput(key);
        }
        // 1.12.11 strips what would break the Content-Disposition header out of a requested file name.
        String filename = out.filename() == null ? null : out.filename().replaceAll("[\"\r\n]", "");
        call.answerStream(out.open(), out.size(), out.contentType(), filename);
    }

    private void deleteOutput(RestCall call, String key) throws IOException {
        if (!engine.deleteOutput(call.parameter("id"), key)) {
            throw noSuchOutput(key);
        }
        call.answerText("");
    }

    private static OrthancException noSuchOutput(String key) {
        return new OrthancException(ErrorCode.InexistentItem, "Job has no such output: " + key);
    }

    private void list(RestCall call) throws IOException {
        ArrayNode a = Json.array();
        if (call.booleanArgument("expand", false)) {
            engine.infos().forEach(i -> a.add(json(i)));
        } else {
            engine.ids().forEach(a::add);
        }
        call.answerJson(a);
    }

    private static void action(RestCall call, Predicate<String> action) throws IOException {
        if (action.test(call.parameter("id"))) {
            // Orthanc answers these two bytes as they are ("application/json", no charset), not its pretty form.
            call.answer(200, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
        }
    }

    /** The JSON of a job (jobs.md §2), keys sorted as Orthanc writes them. */
    public static ObjectNode json(JobInfo i) {
        ObjectNode o = Json.object();
        o.put("ID", i.id());
        o.put("Type", i.type());
        o.put("State", i.state().name());
        o.put("Priority", i.priority());
        o.put("Progress", i.progressPercent());
        o.put("CreationTime", OrthancTime.formatMicros(i.creationTime()));
        o.put("Timestamp", OrthancTime.formatMicros(i.timestamp()));
        o.put("EffectiveRuntime", i.runtimeMillis() / 1000.0);
        o.put("ErrorCode", i.errorCode().code());
        o.put("ErrorDescription", i.errorCode().description());
        o.put("ErrorDetails", i.errorDetails());
        o.set("Content", sorted(i.content()));
        if (i.state().isCompleted()) {
            o.put("CompletionTime", OrthancTime.formatMicros(i.lastChangeTime()));
        }
        Instant eta = i.estimatedTimeOfArrival();
        if (eta != null) {
            o.put("EstimatedTimeOfArrival", OrthancTime.formatMicros(eta));
        }
        if (i.userData() != null) {
            o.set("UserData", sorted(i.userData()));
        }
        return o;
    }

    /** A copy whose objects keep their keys sorted (jobs build their content with any node factory). */
    static JsonNode sorted(JsonNode n) {
        try {
            return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(n));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
