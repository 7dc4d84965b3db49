package io.isengard.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job types that can be reloaded from the index (SaveJobs): type name →
 * {@link JobFactory}. Each feature that submits jobs registers its types
 * here before the engine starts.
 */
public final class JobTypes {
    private final Map<String, JobFactory> factories = new ConcurrentHashMap<>();

    public JobTypes register(String type, JobFactory factory) {
        if (factories.putIfAbsent(type, factory) != null) {
            throw new IllegalStateException("job type registered twice: " + type);
        }
        return this;
    }

    public boolean isKnown(String type) {
        return factories.containsKey(type);
    }

    /** The job of a saved form; IllegalArgumentException for an unknown type. */
    Job unserialize(String type, JsonNode saved) {
        JobFactory f = factories.get(type);
        if (f == null) {
            throw new IllegalArgumentException("no job type \"" + type + "\" is known");
        }
        return f.unserialize(saved);
    }
}
