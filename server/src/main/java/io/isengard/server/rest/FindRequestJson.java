package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.dicom.Tag;
import io.isengard.dicom.dictionary.DictionaryEntry;
import io.isengard.dicom.dictionary.ElementDictionary;
import io.isengard.server.index.FindQuery;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.FindRequest;
import io.isengard.server.resources.MetadataNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the JSON body of /tools/find and /tools/count-resources with
 * Orthanc's checks and error answers (rest-core.md §9, §16).
 */
final class FindRequestJson {
    /** What to answer besides the matching resources. */
    record Output(boolean expand, List<String> responseContent, List<Integer> requestedTags, TagFormat format) {}

    record Parsed(FindRequest request, Output output) {}

    static final Set<String> RESPONSE_CONTENT = Set.of("MainDicomTags", "Metadata", "Children", "Parent", "Labels",
            "Status", "IsStable", "IsProtected", "Attachments", "RequestedTags");

    /** Orthanc's label rule: 1 to 64 characters among letters, digits, '_' and '-'. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private FindRequestJson() {}

    /** The body as a JSON object, or Orthanc's answer to anything else (unparsable text included). */
    static JsonNode object(String body) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            n = null;
        }
        if (n == null || !n.isObject()) {
            throw new OrthancException(ErrorCode.BadRequest, "The body must contain a JSON object");
        }
        return n;
    }

    static Parsed parse(JsonNode o, MetadataNames metadataNames) {
        JsonNode levelNode = o.get("Level");
        if (levelNode == null || !levelNode.isTextual()) {
            throw bad("Field \"Level\" is missing, or should be a string");
        }
        JsonNode query = o.get("Query");
        if (query == null || !query.isObject()) {
            throw bad("Field \"Query\" is missing, or should be a JSON object");
        }
        boolean caseSensitive = bool(o, "CaseSensitive", false);
        long limit = count(o, "Limit");
        long since = count(o, "Since");
        List<Integer> requested = new ArrayList<>();
        JsonNode rt = o.get("RequestedTags");
        if (rt != null) {
            if (!rt.isArray()) {
                throw bad("Field \"RequestedTags\" should be an array");
            }
            for (JsonNode t : rt) {
                if (!t.isTextual()) {
                    throw bad("Field \"RequestedTags\" should be an array of strings");
                }
                requested.add(tag(t.asText()));
            }
        }
        List<String> labels = labels(o);
        FindQuery.LabelsConstraint labelsMode = labelsConstraint(o);
        ResourceType level = level(levelNode.asText());
        Map<Integer, String> constraints = new LinkedHashMap<>();
        query.fields().forEachRemaining(e -> {
            int tag = tag(e.getKey());
            if (!e.getValue().isTextual()) {
                throw bad("Tag \"" + e.getKey() + "\" must be associated with a string");
            }
            constraints.put(tag, e.getValue().asText());
        });
        List<FindQuery.Parent> parents = parents(o, level);
        Map<Integer, String> metadata = metadataQuery(o, metadataNames);
        List<FindRequest.Order> orderBy = orderBy(o, metadataNames);
        List<String> responseContent = responseContent(o);
        boolean expand = expand(o);
        FindRequest request = new FindRequest(level, constraints, caseSensitive, since, limit, labels, labelsMode,
                parents, metadata, orderBy);
        return new Parsed(request, new Output(expand, responseContent, requested, format(o)));
    }

    private static OrthancException bad(String details) {
        return new OrthancException(ErrorCode.BadRequest, details);
    }

    /** Patient(s), Study/Studies, Series, Instance(s), Image(s), in any case. */
    static ResourceType level(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        ResourceType r = t.equals("image") || t.equals("images") ? ResourceType.INSTANCE : ResourceType.parse(t);
        if (r == null || !t.equals(t.strip())) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange, "Unknown resource type: " + text);
        }
        return r;
    }

    /** A tag name of the dictionary or gggg,eeee; anything else is Orthanc's "Unknown DICOM tag" (500). */
    static int tag(String text) {
        long t = Tag.parse(text);
        if (t >= 0) {
            return (int) t;
        }
        DictionaryEntry e = ElementDictionary.lookup(text);
        if (e == null) {
            throw new OrthancException(ErrorCode.UnknownDicomTag);
        }
        return e.tag();
    }

    private static boolean bool(JsonNode o, String field, boolean def) {
        JsonNode n = o.get(field);
        if (n == null) {
            return def;
        }
        if (!n.isBoolean()) {
            throw bad("Field \"" + field + "\" should be a Boolean");
        }
        return n.asBoolean();
    }

    /** Expand as jsoncpp's asBool reads it: Booleans, numbers (non-zero) and null. */
    private static boolean expand(JsonNode o) {
        JsonNode n = o.get("Expand");
        if (n == null || n.isNull()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isNumber()) {
            return n.asDouble() != 0;
        }
        throw bad("Field \"Expand\" should be a Boolean");
    }

    private static long count(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null) {
            return 0;
        }
        if (!n.isIntegralNumber()) {
            throw bad("Field \"" + field + "\" should be an integer");
        }
        if (n.asLong() < 0) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange, "Field \"" + field
                    + "\" should be a positive integer");
        }
        return n.asLong();
    }

    private static List<String> labels(JsonNode o) {
        JsonNode n = o.get("Labels");
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw bad("Field \"Labels\" must be an array of strings");
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode l : n) {
            if (!l.isTextual()) {
                throw bad("Field \"Labels\" must be an array of strings");
            }
            if (!LABEL.matcher(l.asText()).matches()) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange, "Invalid label: " + l.asText());
            }
            labels.add(l.asText());
        }
        return List.copyOf(labels);
    }

    private static FindQuery.LabelsConstraint labelsConstraint(JsonNode o) {
        JsonNode n = o.get("LabelsConstraint");
        if (n == null) {
            return FindQuery.LabelsConstraint.All;
        }
        if (!n.isTextual()) {
            throw bad("Field \"LabelsConstraint\" must be a string");
        }
        for (FindQuery.LabelsConstraint c : FindQuery.LabelsConstraint.values()) {
            if (c.name().equals(n.asText())) {
                return c;
            }
        }
        throw new OrthancException(ErrorCode.ParameterOutOfRange, "Field \"LabelsConstraint\" must be \"All\","
                + " \"Any\", or \"None\": " + n.asText());
    }

    private static List<FindQuery.Parent> parents(JsonNode o, ResourceType level) {
        List<FindQuery.Parent> parents = new ArrayList<>();
        for (ResourceType p : List.of(ResourceType.PATIENT, ResourceType.STUDY, ResourceType.SERIES)) {
            String field = "Parent" + p.label();
            JsonNode n = o.get(field);
            if (n == null) {
                continue;
            }
            if (!n.isTextual()) {
                throw bad("Field \"" + field + "\" must be a string");
            }
            if (p.code() >= level.code()) {
                throw bad("Field \"" + field + "\" is not an ancestor level of " + level.label());
            }
            parents.add(new FindQuery.Parent(p, n.asText()));
        }
        return List.copyOf(parents);
    }

    private static Map<Integer, String> metadataQuery(JsonNode o, MetadataNames names) {
        JsonNode n = o.get("MetadataQuery");
        Map<Integer, String> m = new LinkedHashMap<>();
        if (n == null) {
            return m;
        }
        if (!n.isObject()) {
            throw bad("Field \"MetadataQuery\" must be a JSON object");
        }
        n.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw bad("Metadata \"" + e.getKey() + "\" must be associated with a string");
            }
            String value = e.getValue().asText();
            if (!value.isEmpty()) {
                m.put(metadata(names, e.getKey()), value);
            }
        });
        return m;
    }

    private static int metadata(MetadataNames names, String name) {
        Integer code = names.code(name);
        if (code == null) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange, "Unknown metadata: " + name);
        }
        return code;
    }

    private static List<FindRequest.Order> orderBy(JsonNode o, MetadataNames names) {
        JsonNode n = o.get("OrderBy");
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw bad("Field \"OrderBy\" must be an array");
        }
        List<FindRequest.Order> orders = new ArrayList<>();
        for (JsonNode c : n) {
            if (!c.isObject() || !c.path("Type").isTextual() || !c.path("Key").isTextual()
                    || !c.path("Direction").isTextual()) {
                throw bad("Field \"OrderBy\" must be an array of objects with \"Type\", \"Key\" and \"Direction\"");
            }
            FindQuery.OrderKind kind;
            try {
                kind = FindQuery.OrderKind.valueOf(c.get("Type").asText());
            } catch (IllegalArgumentException e) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange, "Unknown OrderBy \"Type\": "
                        + c.get("Type").asText());
            }
            String direction = c.get("Direction").asText().toUpperCase(Locale.ROOT);
            if (!direction.equals("ASC") && !direction.equals("DESC")) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange, "OrderBy \"Direction\" must be \"ASC\""
                        + " or \"DESC\": " + c.get("Direction").asText());
            }
            String key = c.get("Key").asText();
            int k = kind.name().startsWith("Metadata") ? metadata(names, key) : tag(key);
            orders.add(new FindRequest.Order(kind, k, direction.equals("ASC")));
        }
        return List.copyOf(orders);
    }

    private static List<String> responseContent(JsonNode o) {
        JsonNode n = o.get("ResponseContent");
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            throw bad("Field \"ResponseContent\" must be an array of strings");
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode p : n) {
            if (!p.isTextual() || !RESPONSE_CONTENT.contains(p.asText())) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange, "Unsupported value in"
                        + " \"ResponseContent\": " + p);
            }
            parts.add(p.asText());
        }
        return List.copyOf(parts);
    }

    /** Simplify > Short > Full, as the GET arguments; human by default. */
    private static TagFormat format(JsonNode o) {
        if (o.path("Simplify").asBoolean(false)) {
            return TagFormat.HUMAN;
        }
        if (o.path("Short").asBoolean(false)) {
            return TagFormat.SHORT;
        }
        if (o.path("Full").asBoolean(false)) {
            return TagFormat.FULL;
        }
        return TagFormat.HUMAN;
    }
}
