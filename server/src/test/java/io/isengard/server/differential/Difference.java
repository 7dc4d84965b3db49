package io.isengard.server.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One difference between the reference's answer and Isengard's, at a JSON path of one compared case. */
record Difference(String context, List<String> path, Type type, JsonNode reference, JsonNode isengard) {
    enum Type {
        /** The member or element exists only in the reference's answer. */
        ONLY_IN_REFERENCE("only in Orthanc"),
        /** The member or element exists only in Isengard's answer. */
        ONLY_IN_ISENGARD("only in Isengard"),
        /** Both have it, with different values (or types). */
        VALUE("differs");

        final String label;

        Type(String label) {
            this.label = label;
        }
    }

    String pathText() {
        return PathPattern.render(path);
    }

    String describe() {
        if (!path.isEmpty() && path.get(0).equals("Spec")) {
            return context + "  " + pathText() + ": expected " + abbreviate(reference) + ", Isengard: "
                    + abbreviate(isengard);
        }
        return switch (type) {
            case ONLY_IN_REFERENCE -> context + "  " + pathText() + ": only in Orthanc: " + abbreviate(reference);
            case ONLY_IN_ISENGARD -> context + "  " + pathText() + ": only in Isengard: " + abbreviate(isengard);
            case VALUE -> context + "  " + pathText() + ": Orthanc " + abbreviate(reference) + " vs Isengard "
                    + abbreviate(isengard);
        };
    }

    private static String abbreviate(JsonNode n) {
        String s = n == null ? "(absent)" : n.toString();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
