package io.isengard.server.resources;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Numbers with symbolic names, as Orthanc names metadata and attachment types
 * in URIs: a name or a plain number designates a code; a code without name
 * prints as its number.
 */
final class CodeNames {
    private final Map<String, Integer> byName = new LinkedHashMap<>();
    private final Map<Integer, String> byCode = new LinkedHashMap<>();

    void add(String name, int code) {
        byName.put(name, code);
        byCode.put(code, name);
    }

    /** The code of a name, or of an integer given as text; null if neither. */
    Integer code(String nameOrNumber) {
        Integer c = byName.get(nameOrNumber);
        if (c != null) {
            return c;
        }
        try {
            return Integer.parseInt(nameOrNumber);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The name of a code, or the number as text when it has none. */
    String name(int code) {
        String n = byCode.get(code);
        return n == null ? Integer.toString(code) : n;
    }

    Map<String, Integer> byName() {
        return byName;
    }
}
