package io.isengard.server.modalities;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.rest.TagFormat;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.OrthancId;
import io.isengard.server.rest.Json;
import io.isengard.server.rest.RestCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reading the bodies of the modality routes with Orthanc's checks and messages. */
final class RequestBodies {
    private RequestBodies() {}

    /** The body as JSON, or null if it is empty; not JSON → 400 error 15 {@code message}. */
    static JsonNode optionalJson(RestCall call, String message) throws IOException {
        String text = call.bodyAsString();
        if (text.isBlank()) {
            return null;
        }
        return parse(text, message);
    }

    /** The body as JSON or null if it is not JSON (some routes then read it as text). */
    static JsonNode jsonOrNull(String text) {
        try {
            return text.isBlank() ? null : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    static JsonNode parse(String text, String message) {
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            if (n == null) {
                throw new OrthancException(ErrorCode.BadFileFormat, message);
            }
            return n;
        } catch (IOException e) {
            throw new OrthancException(ErrorCode.BadFileFormat, message, e);
        }
    }

    /** The body, which must be a JSON object; else 400 error 15 {@code message}. */
    static JsonNode object(RestCall call, String message) throws IOException {
        JsonNode n = jsonOrNull(call.bodyAsString());
        if (n == null || !n.isObject()) {
            throw new OrthancException(ErrorCode.BadFileFormat, message);
        }
        return n;
    }

    /** An optional unsigned integer field (null when absent). */
    static Integer timeout(JsonNode body, String field) {
        JsonNode t = body == null ? null : body.get(field);
        if (t == null) {
            return null;
        }
        if (!t.isIntegralNumber() || t.asLong() < 0 || t.asLong() > Integer.MAX_VALUE) {
            throw new OrthancException(ErrorCode.BadFileFormat,
                    "Unsigned integer value expected in field: " + field);
        }
        return t.asInt();
    }

    /** An optional string field (null when absent). */
    static String string(JsonNode body, String field) {
        JsonNode v = body == null ? null : body.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "String value expected in field: " + field);
        }
        return v.asText();
    }

    static boolean bool(JsonNode body, String field, boolean def) {
        JsonNode v = body == null ? null : body.get(field);
        if (v == null) {
            return def;
        }
        if (!v.isBoolean()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "Boolean value expected in field: " + field);
        }
        return v.asBoolean();
    }

    /** Short by default; {@code Full}, {@code Simplify}, {@code Short} booleans of a body. */
    static TagFormat format(JsonNode body, TagFormat def) {
        if (bool(body, "Full", false)) {
            return TagFormat.FULL;
        }
        if (bool(body, "Simplify", false)) {
            return TagFormat.HUMAN;
        }
        if (bool(body, "Short", false)) {
            return TagFormat.SHORT;
        }
        return def;
    }

    /**
     * The resources of a store body (peers.md §2.8 rules): a bare ID as text,
     * a JSON string, an array of IDs, or an object with "Resources".
     */
    static List<String> resources(String text, JsonNode json) {
        JsonNode list;
        if (json == null) {
            String id = text.strip();
            if (!OrthancId.isWellFormed(id)) {
                throw new OrthancException(ErrorCode.BadFileFormat, "Must provide a JSON value");
            }
            return List.of(id);
        }
        if (json.isTextual()) {
            list = Json.array().add(json.asText());
        } else if (json.isArray()) {
            list = json;
        } else if (json.isObject()) {
            if (!json.has("Resources")) {
                throw new OrthancException(ErrorCode.BadFileFormat, "Missing field in JSON: \"Resources\"");
            }
            list = json.get("Resources");
            if (!list.isArray()) {
                throw new OrthancException(ErrorCode.BadFileFormat, "JSON field \"Resources\" must contain an array");
            }
        } else {
            throw new OrthancException(ErrorCode.BadFileFormat,
                    "Must provide a JSON object, or a JSON array of strings");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode e : list) {
            if (!e.isTextual()) {
                throw new OrthancException(ErrorCode.BadFileFormat,
                        "Resources to be exported must be specified as a JSON array of strings");
            }
            String id = e.asText().replace(" ", "");
            if (!OrthancId.isWellFormed(id)) {
                throw new OrthancException(ErrorCode.BadFileFormat,
                        "This string is not a valid Orthanc identifier: " + e.asText());
            }
            ids.add(id);
        }
        return ids;
    }
}
