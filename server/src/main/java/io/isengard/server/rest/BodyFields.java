package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Fields of a JSON request body, read with Orthanc's checks and messages (its SerializationToolbox). */
final class BodyFields {
    private final JsonNode body;

    private BodyFields(JsonNode body) {
        this.body = body;
    }

    /** The body, which must be a JSON object. */
    static BodyFields of(RestCall call) throws IOException {
        JsonNode body = call.bodyAsJson();
        if (!body.isObject()) {
            throw new OrthancException(ErrorCode.BadRequest, "The body must contain a JSON object");
        }
        return new BodyFields(body);
    }

    /** The body if it is a JSON object; an empty or other body reads as an empty object (no field given). */
    static BodyFields lenient(RestCall call) throws IOException {
        String text = call.bodyAsString();
        try {
            JsonNode n = text.isBlank() ? null : Json.MAPPER.readTree(text);
            return new BodyFields(n != null && n.isObject() ? n : Json.object());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new BodyFields(Json.object());
        }
    }

    boolean has(String field) {
        return body.has(field);
    }

    List<String> strings(String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isArray()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "List of strings expected in field: " + field);
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                throw new OrthancException(ErrorCode.BadFileFormat, "List of strings expected in field: " + field);
            }
            out.add(item.asText());
        }
        return out;
    }

    boolean bool(String field, boolean def) {
        JsonNode n = body.get(field);
        if (n == null) {
            return def;
        }
        if (!n.isBoolean()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "Boolean value expected in field: " + field);
        }
        return n.asBoolean();
    }

    String string(String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "String value expected in field: " + field);
        }
        return n.asText();
    }
}
