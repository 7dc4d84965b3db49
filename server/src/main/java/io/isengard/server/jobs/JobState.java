package io.isengard.server.jobs;

/** The states of a job, named as Orthanc names them (jobs.md §1.1). */
public enum JobState {
    Pending,
    Running,
    Success,
    Failure,
    Paused,
    Retry;

    /** Success and Failure: the job is in the history and runs no more unless resubmitted. */
    public boolean isCompleted() {
        return this == Success || this == Failure;
    }
}
