package io.isengard.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceDetails;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.index.ResourceStatistics;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.ResourceDeleter;
import io.isengard.server.resources.ResourceFinder;
import java.io.IOException;
import java.util.List;

/** Listing, reading and deleting resources, and their parent/child routes (resources.md §4, §6, §8). */
public final class ResourceRoutes {
    private final Index index;
    private final ResourceFinder finder;
    private final ResourceJson json;
    private final ResourceDeleter deleter;

    public ResourceRoutes(Index index, ResourceFinder finder, ResourceJson json, ResourceDeleter deleter) {
        this.index = index;
        this.finder = finder;
        this.json = json;
        this.deleter = deleter;
    }

    public void register(OrthancRouter r) {
        for (ResourceType level : ResourceType.values()) {
            String base = "/" + level.uriSegment();
            r.get(base, call -> list(call, level));
            r.get(base + "/{id}", call -> get(call, level));
            r.delete(base + "/{id}", call -> delete(call, level));
            r.get(base + "/{id}/statistics", call -> statistics(call, level));
            for (ResourceType below = level.child(); below != null; below = below.child()) {
                ResourceType target = below;
                r.get(base + "/{id}/" + below.uriSegment(), call -> descendants(call, level, target));
            }
            for (ResourceType above = level.parent(); above != null; above = above.parent()) {
                ResourceType target = above;
                r.get(base + "/{id}/" + above.label().toLowerCase(), call -> ancestor(call, level, target));
            }
        }
    }

    private void list(RestCall call, ResourceType level) throws IOException {
        boolean expand = call.booleanArgument("expand", false);
        boolean hasSince = call.hasArgument("since");
        boolean hasLimit = call.hasArgument("limit");
        if (hasSince != hasLimit) {
            throw new OrthancException(ErrorCode.BadRequest, "Missing \"" + (hasSince ? "limit" : "since")
                    + "\" argument for GET request against: " + call.uri() + "/");
        }
        long since = hasSince ? parseCount(call.argument("since", "0")) : 0;
        long limit = hasLimit ? parseCount(call.argument("limit", "0")) : 0;
        if (!expand) {
            ArrayNode a = Json.array();
            index.read(tx -> tx.list(level, since, limit)).forEach(ref -> a.add(ref.publicId()));
            call.answerJson(a);
            return;
        }
        call.answerJson(array(index.read(tx -> tx.details(tx.list(level, since, limit), ResourceJson.METADATA)), call));
    }

    /**
     * As Orthanc's boost::lexical_cast to size_t: an optional sign and digits,
     * nothing else; a negative value wraps around to a huge one (so
     * {@code since=-1} is past the end).
     */
    private static long parseCount(String s) {
        try {
            long v = Long.parseLong(s);
            return v < 0 ? Long.MAX_VALUE : v;
        } catch (NumberFormatException e) {
            throw new OrthancException(ErrorCode.BadParameterType, "Syntax error in some user-supplied data: " + s);
        }
    }

    private ArrayNode array(List<ResourceDetails> details, RestCall call) throws IOException {
        TagFormat format = TagFormat.of(call, TagFormat.HUMAN);
        List<Integer> requested = ResourceJson.requested(call);
        ArrayNode a = Json.array();
        for (ResourceDetails d : details) {
            a.add(json.of(d, format, requested));
        }
        return a;
    }

    private void get(RestCall call, ResourceType level) throws IOException {
        ResourceRef ref = finder.find(level, call.parameter("id"));
        if (ref == null) {
            return;
        }
        answerOne(call, ref);
    }

    private void answerOne(RestCall call, ResourceRef ref) throws IOException {
        List<ResourceDetails> d = index.read(tx -> tx.details(List.of(ref), ResourceJson.METADATA));
        call.answerJson(json.of(d.get(0), TagFormat.of(call, TagFormat.HUMAN), ResourceJson.requested(call)));
    }

    private void delete(RestCall call, ResourceType level) throws IOException {
        ResourceRef ref = finder.find(level, call.parameter("id"));
        if (ref == null) {
            return;
        }
        ResourceRef remaining = deleter.delete(ref);
        ObjectNode o = Json.object();
        if (remaining == null) {
            o.putNull("RemainingAncestor");
        } else {
            ObjectNode a = o.putObject("RemainingAncestor");
            a.put("ID", remaining.publicId());
            a.put("Path", remaining.path());
            a.put("Type", remaining.type().label());
        }
        call.answerJson(o);
    }

    private void statistics(RestCall call, ResourceType level) throws IOException {
        ResourceRef ref = finder.require(level, call.parameter("id"));
        ResourceStatistics s = index.read(tx -> tx.statistics(ref));
        ObjectNode o = Json.object();
        switch (level) {
            case PATIENT -> {
                o.put("CountStudies", s.studies());
                o.put("CountSeries", s.series());
                o.put("CountInstances", s.instances());
            }
            case STUDY -> {
                o.put("CountSeries", s.series());
                o.put("CountInstances", s.instances());
            }
            case SERIES -> o.put("CountInstances", s.instances());
            case INSTANCE -> { }
        }
        size(o, "DicomDiskSize", s.dicomDiskSize());
        size(o, "DicomUncompressedSize", s.dicomUncompressedSize());
        size(o, "DiskSize", s.diskSize());
        size(o, "UncompressedSize", s.uncompressedSize());
        call.answerJson(o);
    }

    /** Sizes in bytes are strings, in MB integers (truncated). */
    private static void size(ObjectNode o, String key, long bytes) {
        o.put(key, Long.toString(bytes));
        o.put(key + "MB", bytes / 1048576);
    }

    private void descendants(RestCall call, ResourceType level, ResourceType target) throws IOException {
        ResourceRef ref = finder.require(level, call.parameter("id"));
        boolean expand = call.booleanArgument("expand", true);
        List<ResourceDetails> details = index.read(tx -> {
            List<ResourceRef> current = tx.descendants(ref.internalId(), target);
            return expand ? tx.details(current, ResourceJson.METADATA) : current.stream()
                    .map(c -> new ResourceDetails(c, null, null, null, null, null, null, false, null)).toList();
        });
        if (!expand) {
            ArrayNode a = Json.array();
            details.forEach(d -> a.add(d.ref().publicId()));
            call.answerJson(a);
            return;
        }
        call.answerJson(array(details, call));
    }

    private void ancestor(RestCall call, ResourceType level, ResourceType target) throws IOException {
        ResourceRef ref = finder.require(level, call.parameter("id"));
        ResourceRef up = index.read(tx -> {
            ResourceRef a = ref;
            while (a.type() != target) {
                a = tx.lookup(a.parentId());
            }
            return a;
        });
        answerOne(call, up);
    }
}
