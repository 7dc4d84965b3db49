package io.isengard.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.MetadataNames;
import io.isengard.server.resources.ResourceFinder;
import java.io.IOException;
import java.util.Map;

/** Reading metadata (resources.md §10); writes arrive with revisions. */
public final class MetadataRoutes {
    private final Index index;
    private final ResourceFinder finder;
    private final MetadataNames names;

    public MetadataRoutes(Index index, ResourceFinder finder, MetadataNames names) {
        this.index = index;
        this.finder = finder;
        this.names = names;
    }

    public void register(OrthancRouter r) {
        for (ResourceType level : ResourceType.values()) {
            String base = "/" + level.uriSegment() + "/{id}/metadata";
            r.get(base, call -> list(call, level));
            r.get(base + "/{name}", call -> get(call, level));
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

    private void get(RestCall call, ResourceType level) throws IOException {
        ResourceRef ref = finder.require(level, call.parameter("id"));
        Integer code = names.code(call.parameter("name"));
        if (code == null) {
            throw new OrthancException(ErrorCode.InexistentItem, "Unknown metadata: " + call.parameter("name"));
        }
        record Value(String text, long revision) {}
        Value v = index.read(tx -> {
            String text = tx.metadata(ref.internalId()).get(code);
            return text == null ? null : new Value(text, tx.metadataRevision(ref.internalId(), code));
        });
        if (v == null) {
            return; // absent: 404 with an empty body
        }
        call.setHeader("ETag", Md5.etag(v.revision(), Md5.of(v.text())));
        call.answerText(v.text());
    }
}
