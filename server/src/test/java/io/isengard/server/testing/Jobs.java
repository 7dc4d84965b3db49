package io.isengard.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Waiting for the jobs of a server (Isengard or the reference Orthanc) in tests. */
public final class Jobs {
    private Jobs() {}

    /** Answers {@code GET /jobs?expand} of a server. */
    @FunctionalInterface
    public interface ExpandedJobs {
        JsonNode get() throws Exception;
    }

    /**
     * The server's only job once it has left the Pending and Running states;
     * {@code expandedJobs} answers {@code GET /jobs?expand}. Fails after 60 s.
     */
    public static JsonNode onlyFinishedJob(ExpandedJobs expandedJobs) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            JsonNode list = expandedJobs.get();
            if (list.size() == 1 && !List.of("Pending", "Running").contains(list.get(0).path("State").asText())) {
                return list.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no single finished job within 60 s: " + list);
            }
            Thread.sleep(100);
        }
    }
}
