package io.isengard.server.resources;

import io.isengard.server.model.ContentType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names and MIME types of attachments: the built-in ones and the configuration's UserContentType. */
public final class ContentTypes {
    /** A user content type: its number and MIME type. */
    public record UserType(int code, String mime) {}

    private final Map<String, Integer> byName = new LinkedHashMap<>();
    private final Map<Integer, String> byCode = new LinkedHashMap<>();
    private final Map<Integer, String> mimes = new LinkedHashMap<>();

    public ContentTypes(Map<String, UserType> user) {
        for (ContentType t : ContentType.values()) {
            byName.put(t.symbol(), t.code());
            byCode.put(t.code(), t.symbol());
            mimes.put(t.code(), t.mime());
        }
        user.forEach((name, t) -> {
            byName.put(name, t.code());
            byCode.put(t.code(), name);
            mimes.put(t.code(), t.mime());
        });
    }

    /** The code of a name or number; null if neither. */
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

    public String name(int code) {
        String n = byCode.get(code);
        return n == null ? Integer.toString(code) : n;
    }

    public String mime(int code) {
        return mimes.getOrDefault(code, "application/octet-stream");
    }
}
