package io.isengard.server.jobs;

/**
 * Events of the jobs engine (Lua's OnJobSubmitted, OnJobSuccess,
 * OnJobFailure; a cancelled job fails). Called after the fact, outside the
 * engine's lock, on the thread that made the change (a worker, or the REST
 * request): a listener must return quickly and hand long work to a thread
 * of its own.
 */
public interface JobsListener {
    default void onSubmitted(String jobId) {
    }

    default void onSuccess(String jobId) {
    }

    default void onFailure(String jobId) {
    }
}
