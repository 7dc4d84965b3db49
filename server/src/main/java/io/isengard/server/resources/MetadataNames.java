package io.isengard.server.resources;

import io.isengard.server.model.MetadataType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names of metadata: the system ones and the configuration's UserMetadata (name → 1024..65535). */
public final class MetadataNames {
    private final CodeNames names = new CodeNames();

    public MetadataNames(Map<String, Integer> userMetadata) {
        for (MetadataType m : MetadataType.values()) {
            names.add(m.name(), m.code());
        }
        userMetadata.forEach(names::add);
    }

    /** The code of a name, or of an integer given as text; null if neither. */
    public Integer code(String nameOrNumber) {
        return names.code(nameOrNumber);
    }

    /** The name of a code, or the number as text when it has none. */
    public String name(int code) {
        return names.name(code);
    }

    /** User metadata as declared (for /system). */
    public Map<String, Integer> userMetadata() {
        Map<String, Integer> m = new LinkedHashMap<>();
        names.byName().forEach((n, c) -> {
            if (c >= MetadataType.FIRST_USER) {
                m.put(n, c);
            }
        });
        return m;
    }
}
