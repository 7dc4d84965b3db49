package io.isengard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.OrthancException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The "UserMetadata" option: symbolic names of user-defined metadata
 * (numbers 1024-65535), checked as Orthanc checks them at startup.
 */
public record UserMetadata(Map<String, Integer> byName) {
    public static final UserMetadata NONE = new UserMetadata(Map.of());

    public UserMetadata {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** The number of a metadata given by name (system or user) or by number; empty if unknown. */
    public OptionalInt lookup(String nameOrNumber) {
        Integer user = byName.get(nameOrNumber);
        if (user != null) {
            return OptionalInt.of(user);
        }
        for (MetadataType m : MetadataType.values()) {
            if (m.name().equals(nameOrNumber)) {
                return OptionalInt.of(m.code());
            }
        }
        return UserDefinedNames.isInteger(nameOrNumber) ? parseNumber(nameOrNumber) : OptionalInt.empty();
    }

    /** The name of a metadata number: system name, registered user name, else the number itself. */
    public String nameOf(int code) {
        MetadataType m = MetadataType.ofCode(code);
        if (m != null) {
            return m.name();
        }
        for (Map.Entry<String, Integer> e : byName.entrySet()) {
            if (e.getValue() == code) {
                return e.getKey();
            }
        }
        return Integer.toString(code);
    }

    private static OptionalInt parseNumber(String s) {
        try {
            return OptionalInt.of(Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    static UserMetadata of(OrthancConfiguration config) {
        ObjectNode section = config.getObject("UserMetadata");
        if (section == null) {
            return NONE;
        }
        Map<String, Integer> names = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = section.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new OrthancException(ErrorCode.BadParameterType,
                        "Not a number in this user-defined metadata: " + name);
            }
            int code = v.asInt();
            if (code < MetadataType.FIRST_USER || code > MetadataType.LAST_USER) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange, "A user metadata must have an index between "
                        + MetadataType.FIRST_USER + " and " + MetadataType.LAST_USER + ", but \"" + name
                        + "\" has index " + code);
            }
            if (names.containsValue(code)) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange, "Cannot associate user-defined metadata \""
                        + name + "\" with index " + code + ", as this index is already used");
            }
            UserDefinedNames.checkFree(name, "metadata", isSystemName(name));
            names.put(name, code);
        }
        return new UserMetadata(names);
    }

    private static boolean isSystemName(String name) {
        for (MetadataType m : MetadataType.values()) {
            if (m.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
