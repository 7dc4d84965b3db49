package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.jobs.Job;
import io.isengard.server.jobs.JobInfo;
import io.isengard.server.jobs.JobState;
import io.isengard.server.jobs.JobsEngine;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.io.IOException;

/**
 * The convention of every REST route that creates a job (jobs.md §4): the
 * body fields "Synchronous" / "Asynchronous", "Priority", "Permissive" and
 * "UserData", and the two answers: the job's content once it succeeded
 * (synchronous), or {@code {"ID", "Path"}} at once (asynchronous).
 *
 * <p>A route reads the options first ({@link #options}), builds its job
 * (with {@link Options#permissive()} if it has commands), then calls
 * {@link #answer}.
 */
public final class JobSubmission {
    /**
     * The options of one request.
     *
     * @param userData "UserData" (1.12.9+), reported in {@code GET /jobs/{id}}, or null
     */
    public record Options(boolean synchronous, int priority, boolean permissive, JsonNode userData) {}

    private final JobsEngine engine;

    public JobSubmission(JobsEngine engine) {
        this.engine = engine;
    }

    /**
     * Reads the options of a request body (a JSON object), with the
     * route's default for "Synchronous". Fields of a wrong type are a 400.
     */
    public static Options options(JsonNode body, boolean synchronousByDefault) {
        if (body == null || !body.isObject()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "The body must contain a JSON object");
        }
        boolean synchronous;
        if (body.has("Synchronous")) {
            synchronous = bool(body, "Synchronous");
        } else if (body.has("Asynchronous")) {
            synchronous = !bool(body, "Asynchronous");
        } else {
            synchronous = synchronousByDefault;
        }
        int priority = 0;
        if (body.has("Priority")) {
            JsonNode p = body.get("Priority");
            if (!p.isIntegralNumber() || !p.canConvertToInt()) {
                throw new OrthancException(ErrorCode.BadFileFormat, "Integer value expected in field: Priority");
            }
            priority = p.intValue();
        }
        boolean permissive = body.has("Permissive") && bool(body, "Permissive");
        return new Options(synchronous, priority, permissive, body.get("UserData"));
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (!n.isBoolean()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "Boolean value expected in field: " + field);
        }
        return n.booleanValue();
    }

    /**
     * Submits the job and answers: synchronous, the job's content when it
     * succeeded, or Orthanc's error answer with the job's error code and
     * details when it failed; asynchronous, its ID and path.
     */
    public void answer(RestCall call, Job job, Options options) throws IOException, InterruptedException {
        if (!options.synchronous()) {
            String id = engine.submit(job, options.priority(), options.userData());
            ObjectNode o = Json.object();
            o.put("ID", id);
            o.put("Path", "/jobs/" + id);
            call.answerJson(o);
            return;
        }
        JobInfo done = engine.submitAndWait(job, options.priority(), options.userData());
        if (done.state() != JobState.Success) {
            throw new OrthancException(done.errorCode(), done.errorDetails().isEmpty() ? null : done.errorDetails());
        }
        call.answerJson(JobsRoutes.sorted(done.content()));
    }
}
