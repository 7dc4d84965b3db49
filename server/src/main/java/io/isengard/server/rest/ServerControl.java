package io.isengard.server.rest;

/** What /tools/shutdown and /tools/reset ask of the running server. */
public interface ServerControl {
    /** Stops the server after the current answer is sent. */
    void shutdown();

    /** Restarts the server in-process with its configuration re-read. */
    void restart();
}
