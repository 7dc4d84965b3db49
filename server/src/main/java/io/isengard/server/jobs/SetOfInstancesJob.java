package io.isengard.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Orthanc's "set of instances" job (jobs.md §5.1), the base of the store,
 * move and modification jobs: one command per instance (Orthanc IDs), and
 * optionally a trailing command once every instance is done. Its content
 * has "InstancesCount", "FailedInstancesCount" and, when not empty,
 * "ParentResources" (the resources of the request, sorted, without
 * duplicates).
 */
public abstract class SetOfInstancesJob extends SetOfCommandsJob {
    private final List<String> instances;
    private final List<String> parentResources;

    protected SetOfInstancesJob(String description, boolean permissive, List<String> instances,
            Collection<String> parentResources) {
        super(description, permissive);
        this.instances = List.copyOf(instances);
        this.parentResources = List.copyOf(new TreeSet<>(parentResources));
    }

    /** Processes one instance; false if it could not be (e.g. deleted since the job was created). */
    protected abstract boolean handleInstance(String instanceId) throws Exception;

    /** Whether a last command runs after the instances (e.g. a storage commitment request). */
    protected boolean hasTrailingStep() {
        return false;
    }

    protected boolean handleTrailingStep() throws Exception {
        return true;
    }

    public final List<String> instances() {
        return instances;
    }

    public final List<String> parentResources() {
        return parentResources;
    }

    @Override
    protected final int commandCount() {
        return instances.size() + (hasTrailingStep() ? 1 : 0);
    }

    @Override
    protected final boolean execute(int index) throws Exception {
        return index < instances.size() ? handleInstance(instances.get(index)) : handleTrailingStep();
    }

    /** Subclasses that add members call this first. */
    @Override
    protected void addContent(ObjectNode content) {
        content.put("InstancesCount", instances.size());
        content.put("FailedInstancesCount", failedCount());
        if (!parentResources.isEmpty()) {
            ArrayNode a = content.putArray("ParentResources");
            parentResources.forEach(a::add);
        }
    }

    /** Subclasses that add members call this first. */
    @Override
    protected void addSaved(ObjectNode saved) {
        ArrayNode a = saved.putArray("Instances");
        instances.forEach(a::add);
        ArrayNode p = saved.putArray("ParentResources");
        parentResources.forEach(p::add);
    }

    /** The instances of a saved form (for the type's factory). */
    protected static List<String> savedInstances(JsonNode saved) {
        return strings(saved.path("Instances"));
    }

    /** The parent resources of a saved form (for the type's factory). */
    protected static List<String> savedParentResources(JsonNode saved) {
        return strings(saved.path("ParentResources"));
    }

    private static List<String> strings(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("a list of Orthanc identifiers was expected, not " + array);
        }
        List<String> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
