package io.isengard.server.resources;

import io.isengard.server.model.MetadataType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names of metadata: the system ones and the configuration's UserMetadata (name → 1024..65535). */
public final class MetadataNames {
    private final Map<String, Integer> byName = new LinkedHashMap<>();
    private final Map<Integer, String> byCode = new LinkedHashMap<>();

    public MetadataNames(Map<String, Integer> userMetadata) {
        for (MetadataType m : MetadataType.values()) {
            byName.put(m.name(), m.code());
            byCode.put(m.code(), m.name());
        }
        userMetadata.forEach((name, code) -> {
            byName.put(name, code);
            byCode.put(code, name);
        });
    }

    /** The code of a name, or of an integer given as text; null if neither. */
    public Integer code(String nameOrNumber) {
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
    public String name(int code) {
        String n = byCode.get(code);
        return n == null ? Integer.toString(code) : n;
    }

    /** User metadata as declared (for /system). */
    public Map<String, Integer> userMetadata() {
        Map<String, Integer> m = new LinkedHashMap<>();
        byName.forEach((n, c) -> {
            if (c >= MetadataType.FIRST_USER) {
                m.put(n, c);
            }
        });
        return m;
    }
}
