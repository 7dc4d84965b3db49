package io.isengard.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.ResourceFinder;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/** Labels of resources (resources.md §12; Orthanc 1.12.0+). */
public final class LabelRoutes {
    private static final Pattern VALID_LABEL = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Index index;
    private final ResourceFinder finder;

    public LabelRoutes(Index index, ResourceFinder finder) {
        this.index = index;
        this.finder = finder;
    }

    public void register(OrthancRouter r) {
        r.get("/tools/labels", call -> call.answerJson(array(index.read(tx -> tx.allLabels()))));
        for (ResourceType level : ResourceType.values()) {
            String base = "/" + level.uriSegment() + "/{id}/labels";
            r.get(base, call -> {
                ResourceRef ref = finder.require(level, call.parameter("id"));
                call.answerJson(array(index.read(tx -> tx.labels(ref.internalId()))));
            });
            r.get(base + "/{label}", call -> {
                ResourceRef ref = finder.require(level, call.parameter("id"));
                if (index.read(tx -> tx.labels(ref.internalId())).contains(call.parameter("label"))) {
                    call.answerText("");
                } // absent: unanswered, 404 with an empty body
            });
            r.put(base + "/{label}", call -> modify(call, level, true));
            r.delete(base + "/{label}", call -> modify(call, level, false));
        }
    }

    /** Orthanc checks the label before it looks the resource up. */
    private void modify(RestCall call, ResourceType level, boolean add) throws IOException {
        String label = call.parameter("label");
        checkLabel(label);
        ResourceRef ref = finder.require(level, call.parameter("id"));
        index.write(tx -> {
            if (add) {
                tx.addLabel(ref.internalId(), label);
            } else {
                tx.removeLabel(ref.internalId(), label);
            }
            return null;
        });
        call.answerText("");
    }

    /** A label is 1 to 64 characters among letters, digits, '_' and '-'. */
    static void checkLabel(String label) {
        if (!VALID_LABEL.matcher(label).matches()) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange, "A label must be a non-empty, alphanumeric "
                    + "string, possibly with '-' and '_' characters, with maximum 64 characters: \"" + label + "\"");
        }
    }

    private static ArrayNode array(List<String> labels) {
        ArrayNode a = Json.array();
        labels.forEach(a::add);
        return a;
    }
}
