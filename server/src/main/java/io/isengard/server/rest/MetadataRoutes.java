package io.isengard.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.index.StoredMetadata;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.MetadataNames;
import io.isengard.server.resources.MetadataWriter;
import io.isengard.server.resources.ResourceFinder;
import java.io.IOException;
import java.util.Map;

/** Metadata of every level (resources.md §10), with revisions (§14). */
public final class MetadataRoutes {
    private final Index index;
    private final ResourceFinder finder;
    private final MetadataNames names;
    private final MetadataWriter writer;
    private final ItemWrites writes;

    public MetadataRoutes(Index index, ResourceFinder finder, MetadataNames names, MetadataWriter writer,
            boolean checkRevisions) {
        this.index = index;
        this.finder = finder;
        this.names = names;
        this.writer = writer;
        this.writes = new ItemWrites(finder, checkRevisions);
    }

    public void register(OrthancRouter r) {
        for (ResourceType level : ResourceType.values()) {
            String base = "/" + level.uriSegment() + "/{id}/metadata";
            r.get(base, call -> list(call, level));
            r.get(base + "/{name}", call -> get(call, level));
            r.put(base + "/{name}", call -> put(call, level));
            r.delete(base + "/{name}", call -> delete(call, level));
        }
    }

    private void list(RestCall call, ResourceType level) throws IOException {
        ResourceRef ref = finder.require(level, call.parameter("id"));
        Map<Integer, String> metadata = index.read(tx -> tx.metadata(ref.internalId()));
        boolean numeric = call.hasArgument("numeric");
        if (call.booleanArgument("expand", false)) {
            ObjectNode o = Json.object();
            metadata.forEach((code, value) -> o.put(numeric ? Integer.toString(code) : names.name(code), value));
            call.answerJson(o);
        } else {
            ArrayNode a = Json.array();
            metadata.keySet().forEach(code -> {
                if (numeric) {
                    a.add(code);
                } else {
                    a.add(names.name(code));
                }
            });
            call.answerJson(a);
        }
    }

    /** The metadata named in the URI: a registered name or a number, else 404 Inexistent item. */
    private int code(RestCall call) {
        Integer code = names.code(call.parameter("name"));
        if (code == null) {
            throw new OrthancException(ErrorCode.InexistentItem, "Unknown metadata: " + call.parameter("name"));
        }
        return code;
    }

    private void get(RestCall call, ResourceType level) throws IOException {
        int code = code(call);
        ResourceRef ref = finder.require(level, call.parameter("id"));
        StoredMetadata v = index.read(tx -> tx.storedMetadata(ref.internalId(), code));
        if (v == null) {
            return; // absent: 404 with an empty body
        }
        if (!Revisions.notModified(call, v.revision(), Md5.of(v.value()))) {
            call.answerText(v.value());
        }
    }

    /** Only user metadata may be written: Orthanc answers 403 without body to the others. */
    private void put(RestCall call, ResourceType level) throws IOException {
        int code = code(call);
        ItemWrites.Target t = writes.check(call, level, MetadataWriter.isWritable(code), false);
        if (t != null) {
            String value = call.bodyAsString();
            long revision = writer.put(t.resource(), code, value, t.expected());
            call.setHeader("ETag", Md5.etag(revision, Md5.of(value)));
            call.answerEmpty(200);
        }
    }

    private void delete(RestCall call, ResourceType level) throws IOException {
        int code = code(call);
        ItemWrites.Target t = writes.check(call, level, MetadataWriter.isWritable(code), true);
        if (t != null) {
            writer.delete(t.resource(), code, t.expected());
            call.answerEmpty(200);
        }
    }
}
