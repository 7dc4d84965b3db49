package io.isengard.server.resources;

import io.isengard.server.model.ContentType;
import java.util.HashMap;
import java.util.Map;

/** Names and MIME types of attachments: the built-in ones and the configuration's UserContentType. */
public final class ContentTypes {
    /** A user content type: its number and MIME type. */
    public record UserType(int code, String mime) {}

    private final CodeNames names = new CodeNames();
    private final Map<Integer, String> mimes = new HashMap<>();

    public ContentTypes(Map<String, UserType> user) {
        for (ContentType t : ContentType.values()) {
            names.add(t.symbol(), t.code());
            mimes.put(t.code(), t.mime());
        }
        user.forEach((name, t) -> {
            names.add(name, t.code());
            mimes.put(t.code(), t.mime());
        });
    }

    /** The code of a name or number; null if neither. */
    public Integer code(String nameOrNumber) {
        return names.code(nameOrNumber);
    }

    public String name(int code) {
        return names.name(code);
    }

    public String mime(int code) {
        return mimes.getOrDefault(code, "application/octet-stream");
    }
}
