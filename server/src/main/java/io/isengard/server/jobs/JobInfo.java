package io.isengard.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.model.ErrorCode;
import java.time.Instant;

/**
 * A snapshot of one job, what {@code GET /jobs/{id}} shows (jobs.md §2).
 *
 * @param progress 0..1
 * @param lastChangeTime the time of the last change of state ("CompletionTime" of a completed job)
 * @param runtimeMillis the time spent running ("EffectiveRuntime")
 * @param errorDetails "" if none
 * @param userData the request's "UserData", or null
 * @param timestamp when the snapshot was taken
 */
public record JobInfo(String id, String type, JobState state, int priority, double progress, Instant creationTime,
        Instant lastChangeTime, long runtimeMillis, ErrorCode errorCode, String errorDetails, ObjectNode content,
        JsonNode userData, Instant timestamp) {

    /** Orthanc's "Progress": a percentage, rounded and clamped. */
    public int progressPercent() {
        return (int) Math.max(0, Math.min(100, Math.round(progress * 100)));
    }

    /** Orthanc's "EstimatedTimeOfArrival", or null when it is not shown (not running, or too early to tell). */
    public Instant estimatedTimeOfArrival() {
        if (state != JobState.Running || progress <= 0.01 || runtimeMillis <= 0) {
            return null;
        }
        long remaining = (long) (runtimeMillis / progress * (1 - progress));
        return timestamp.plusMillis(remaining);
    }
}
