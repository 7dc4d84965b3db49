package io.isengard.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.index.Index;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves jobs in the index and reads them back (SaveJobs, jobs.md §1.2). One
 * row per job, the fields Orthanc saves for each job of its registry:
 * {@code {"Type", "State", "Priority", "CreationTime", "LastChangeTime",
 * "Runtime" (ms), "ErrorCode", "ErrorDetails", "Job" (type-specific),
 * "UserData"?}}.
 */
final class JobsStore {
    private static final Logger LOG = LoggerFactory.getLogger(JobsStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A job read back, before it is queued. */
    record Saved(String id, Job job, JobState state, int priority, Instant creationTime, Instant lastChangeTime,
            long runtimeMillis, ErrorCode errorCode, String errorDetails, JsonNode userData) {}

    private final Index index;
    private final String serverIdentifier;

    JobsStore(Index index, String serverIdentifier) {
        this.index = index;
        this.serverIdentifier = serverIdentifier;
    }

    /** The saved form of a job (under the engine's lock, between two steps), or null if it cannot be saved. */
    static String serialize(JobHandle h) {
        ObjectNode job = h.job.serialize();
        if (job == null) {
            return null;
        }
        ObjectNode o = MAPPER.createObjectNode();
        o.put("Type", h.job.type());
        o.put("State", h.state.name());
        o.put("Priority", h.priority);
        o.put("CreationTime", OrthancTime.formatMicros(h.creationTime));
        o.put("LastChangeTime", OrthancTime.formatMicros(h.lastChangeTime));
        o.put("Runtime", h.runtimeNanos / 1_000_000);
        o.put("ErrorCode", h.errorCode.code());
        o.put("ErrorDetails", h.errorDetails);
        o.set("Job", job);
        if (h.userData != null) {
            o.set("UserData", h.userData);
        }
        return o.toString();
    }

    /** The saved jobs that can be rebuilt; the others are logged, skipped and returned in {@code dropped}. */
    List<Saved> load(JobTypes types, Collection<String> dropped) {
        Map<String, String> rows = index.read(tx -> tx.savedJobs(serverIdentifier));
        List<Saved> out = new ArrayList<>(rows.size());
        rows.forEach((id, text) -> {
            try {
                JsonNode o = MAPPER.readTree(text);
                String type = o.path("Type").asText();
                Job job = types.unserialize(type, o.get("Job"));
                out.add(new Saved(id, job, JobState.valueOf(o.path("State").asText()), o.path("Priority").asInt(),
                        OrthancTime.parseMicros(o.path("CreationTime").asText()),
                        OrthancTime.parseMicros(o.path("LastChangeTime").asText()), o.path("Runtime").asLong(),
                        errorCode(o.path("ErrorCode").asInt()), o.path("ErrorDetails").asText(""),
                        o.get("UserData")));
            } catch (Exception e) {
                LOG.warn("Cannot unserialize the saved job {}, it is dropped: {}", id, e.toString());
                dropped.add(id);
            }
        });
        return out;
    }

    /** Writes the changed jobs and forgets the removed ones, in one transaction. */
    void save(Map<String, String> changed, Collection<String> removed) {
        if (changed.isEmpty() && removed.isEmpty()) {
            return;
        }
        index.write(tx -> {
            tx.saveJobs(serverIdentifier, changed);
            tx.deleteSavedJobs(serverIdentifier, removed);
            return null;
        });
    }

    private static ErrorCode errorCode(int code) {
        for (ErrorCode e : ErrorCode.values()) {
            if (e.code() == code) {
                return e;
            }
        }
        return ErrorCode.InternalError;
    }
}
