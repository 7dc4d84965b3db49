package io.isengard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.model.ContentType;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "UserContentType" option: user-defined attachment types (1024-65535)
 * by name, each with the MIME type that {@code .../data} answers with.
 */
public record UserContentTypes(Map<String, Type> byName) {
    /** MIME type of user attachments registered without one. */
    public static final String DEFAULT_MIME = "application/octet-stream";
    public static final UserContentTypes NONE = new UserContentTypes(Map.of());

    /** One registered attachment type. */
    public record Type(String name, int code, String mime) {
    }

    public UserContentTypes {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** The registered type with this number, or null. */
    public Type ofCode(int code) {
        for (Type t : byName.values()) {
            if (t.code() == code) {
                return t;
            }
        }
        return null;
    }

    static UserContentTypes of(OrthancConfiguration config) {
        ObjectNode section = config.getObject("UserContentType");
        if (section == null) {
            return NONE;
        }
        Map<String, Type> types = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = section.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            int code;
            String mime = DEFAULT_MIME;
            if (v.isArray() && v.size() == 2 && isInt(v.get(0)) && v.get(1).isTextual()) {
                code = v.get(0).asInt();
                mime = v.get(1).asText();
            } else if (isInt(v)) {
                code = v.asInt();
            } else {
                throw new OrthancException(ErrorCode.BadParameterType,
                        "Not a number in this user-defined attachment type: " + name
                                + " (expected a number or [number, \"MIME type\"])");
            }
            if (code < ContentType.FIRST_USER || code > ContentType.LAST_USER) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange, "A user content type must have an index "
                        + "between " + ContentType.FIRST_USER + " and " + ContentType.LAST_USER + ", but \"" + name
                        + "\" has index " + code);
            }
            for (Type t : types.values()) {
                if (t.code() == code) {
                    throw new OrthancException(ErrorCode.ParameterOutOfRange, "Cannot associate user-defined content "
                            + "type \"" + name + "\" with index " + code + ", as this index is already used");
                }
            }
            UserDefinedNames.checkFree(name, "attachment type", isBuiltIn(name));
            types.put(name, new Type(name, code, mime));
        }
        return new UserContentTypes(types);
    }

    private static boolean isInt(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt();
    }

    private static boolean isBuiltIn(String name) {
        for (ContentType c : ContentType.values()) {
            if (c.symbol().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
