package io.isengard.server.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The type-specific part of a job: a sequence of steps run by a worker of
 * the {@link JobsEngine}. The engine calls the methods of one job from one
 * thread at a time, and never while a step runs (content, progress and the
 * serialised form are taken between two steps), so a job needs no locking
 * of its own.
 */
public interface Job {
    /** The type reported as "Type" and used to find the {@link JobFactory} when saved jobs are reloaded. */
    String type();

    /**
     * Runs the next step. An {@link io.isengard.server.model.OrthancException}
     * fails the job with its code and details; any other exception fails it
     * with an internal error.
     */
    StepResult step() throws Exception;

    /** Progress between 0 and 1. */
    double progress();

    /** The public "Content" of {@code GET /jobs/{id}} (jobs.md §5). */
    ObjectNode content();

    /**
     * The type-specific state to save with SaveJobs (the position reached
     * included, so that the job resumes there after a restart), or null if
     * this job cannot be saved (it is then forgotten at shutdown, as Orthanc
     * forgets archive jobs).
     */
    ObjectNode serialize();

    /**
     * Back to the first step, for a resubmission of a failed job. Throws an
     * {@link io.isengard.server.model.OrthancException} (BadSequenceOfCalls)
     * if this job cannot be resubmitted.
     */
    void reset();

    /**
     * The worker leaves the job: it completed, failed, was paused or
     * cancelled, waits to retry, or the engine stops. A job releases here
     * what it holds only between steps of one run (e.g. a DICOM association:
     * Orthanc closes it when a job is paused or ends). Called outside the
     * engine's lock; after a resume, {@code step()} may be called again by
     * another worker while this runs, so a job that releases something here
     * guards it with its own lock.
     */
    default void stop() {
    }

    /** The output of a successful job under this key, or null. */
    default JobOutput output(String key) {
        return null;
    }

    /** Deletes an output; false if there was none under this key. */
    default boolean deleteOutput(String key) {
        return false;
    }

    /** Releases what the job holds (its outputs): it has left the history. */
    default void release() {
    }
}
