package io.isengard.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.model.ErrorCode;
import java.time.Instant;

/**
 * The engine's record of one job: the job and what the engine tracks about
 * it. Every field is guarded by the engine's lock; {@link #content} and
 * {@link #progress} are copies taken between two steps, so that readers
 * never touch a job while a worker runs one of its steps.
 */
final class JobHandle {
    /** What a user asked of a running job, done when its current step ends. */
    enum Scheduled { NOTHING, PAUSE, CANCEL }

    final String id;
    final Job job;
    final Instant creationTime;
    final JsonNode userData;
    int priority;
    JobState state = JobState.Pending;
    Instant lastChangeTime;
    long runtimeNanos;
    /** System.nanoTime() when the current run (or its last step) started, while Running. */
    long runningSince;
    ErrorCode errorCode = ErrorCode.Success;
    String errorDetails = "";
    Scheduled scheduled = Scheduled.NOTHING;
    /** Order of submission in the queue (ties of priority: first in, first out). */
    long queueSeq;
    /** System.nanoTime() after which a job in Retry is queued again. */
    long retryAt;
    /** System.nanoTime() when the saved form was last taken. */
    long serializedAt;
    ObjectNode content;
    double progress;

    JobHandle(String id, Job job, int priority, Instant creationTime, JsonNode userData) {
        this.id = id;
        this.job = job;
        this.priority = priority;
        this.creationTime = creationTime;
        this.lastChangeTime = creationTime;
        this.userData = userData;
        refresh();
    }

    /** Copies the job's content and progress (between two steps only). */
    void refresh() {
        content = job.content();
        progress = job.progress();
    }

    JobInfo info(Instant now, long nanoNow) {
        long runtime = (runtimeNanos + (state == JobState.Running ? nanoNow - runningSince : 0)) / 1_000_000;
        return new JobInfo(id, job.type(), state, priority, progress, creationTime, lastChangeTime, runtime,
                errorCode, errorDetails, content.deepCopy(), userData == null ? null : userData.deepCopy(), now);
    }
}
