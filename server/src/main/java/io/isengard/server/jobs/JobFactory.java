package io.isengard.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/** Rebuilds a saved job of one type from what its {@link Job#serialize()} returned. */
@FunctionalInterface
public interface JobFactory {
    /** Throws (any exception) if the saved form is not one this factory understands: the job is then skipped. */
    Job unserialize(JsonNode saved);
}
