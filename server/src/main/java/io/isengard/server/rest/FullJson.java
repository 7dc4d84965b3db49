package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns Orthanc's full tag format ({Name, Type, Value}) into the simplified values. */
final class FullJson {
    private FullJson() {}

    /** The simplified value of one full-format element: text, null, or an array of items keyed by name. */
    static JsonNode simplify(JsonNode element) {
        String type = element.path("Type").asText();
        if (type.equals("String")) {
            return element.get("Value");
        }
        if (!type.equals("Sequence")) {
            return NullNode.getInstance();
        }
        ArrayNode items = Json.array();
        for (JsonNode item : element.path("Value")) {
            ObjectNode o = items.addObject();
            item.fields().forEachRemaining(e ->
                    o.set(e.getValue().path("Name").asText(e.getKey()), simplify(e.getValue())));
        }
        return items;
    }
}
