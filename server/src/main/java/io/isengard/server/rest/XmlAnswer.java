package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON answers converted to XML when the client asks for application/xml
 * (rest-core.md §1): members become elements named after their key, array
 * elements become {@code <item>}, scalars become text.
 */
final class XmlAnswer {
    private XmlAnswer() {}

    static String of(JsonNode node) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        element(sb, "root", node, 0);
        return sb.toString();
    }

    private static void element(StringBuilder sb, String name, JsonNode node, int depth) {
        String tag = safeName(name);
        sb.append("  ".repeat(depth)).append('<').append(tag);
        if (node.isObject() || node.isArray()) {
            if (node.isEmpty()) {
                sb.append(" />\n");
                return;
            }
            sb.append(">\n");
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    element(sb, e.getKey(), e.getValue(), depth + 1);
                }
            } else {
                for (JsonNode item : node) {
                    element(sb, "item", item, depth + 1);
                }
            }
            sb.append("  ".repeat(depth)).append("</").append(tag).append(">\n");
        } else if (node.isNull()) {
            sb.append(" />\n");
        } else {
            sb.append('>').append(escape(node.asText())).append("</").append(tag).append(">\n");
        }
    }

    /** Keys like "0010,0010" are not XML names; Orthanc's pugixml writes them anyway, we keep them readable. */
    private static String safeName(String name) {
        return name.isEmpty() ? "item" : name.replace(',', '-').replace(' ', '_');
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
