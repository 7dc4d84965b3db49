package io.isengard.server.peers;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.dicom.dictionary.UidEntry;
import io.isengard.dicom.dictionary.UidRegistry;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.rest.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of POST /peers/{id}/store (peers.md §2.8): a bare Orthanc ID, a
 * JSON string, a JSON array of IDs, or an object with "Resources" and the
 * options; checked in Orthanc's order.
 */
public record PeerStoreRequest(List<String> resources, boolean compress, String transcode, boolean permissive,
        boolean asynchronous, int priority, JsonNode userData) {

    private static final Pattern ORTHANC_ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{8}){4}");

    public static PeerStoreRequest parse(String body) {
        String stripped = body.strip();
        if (ORTHANC_ID.matcher(stripped).matches()) {
            return simple(List.of(stripped));
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            json = null;
        }
        if (json == null || json.isMissingNode()) {
            throw bad("Must provide a JSON value");
        }
        if (json.isTextual()) {
            return simple(ids(List.of(json)));
        }
        if (json.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            json.forEach(items::add);
            return simple(ids(items));
        }
        if (!json.isObject()) {
            throw bad("Must provide a JSON object, or a JSON array of strings");
        }
        JsonNode resources = json.get("Resources");
        if (resources == null) {
            throw bad("Missing field in JSON: \"Resources\"");
        }
        if (!resources.isArray()) {
            throw bad("JSON field \"Resources\" must contain an array");
        }
        List<JsonNode> items = new ArrayList<>();
        resources.forEach(items::add);
        List<String> ids = ids(items);
        boolean compress = bool(json, "Compress", false);
        String transcode = null;
        JsonNode t = json.get("Transcode");
        if (t != null && !t.isNull()) {
            if (!t.isTextual()) {
                throw bad("The field \"Transcode\" must be a string (a transfer syntax UID)");
            }
            UidEntry entry = UidRegistry.lookup(t.asText());
            if (entry == null || !entry.isTransferSyntax()) {
                throw bad("Unknown transfer syntax UID: " + t.asText());
            }
            transcode = t.asText();
        }
        boolean permissive = bool(json, "Permissive", false);
        boolean asynchronous = json.has("Synchronous") ? !bool(json, "Synchronous", true)
                : bool(json, "Asynchronous", false);
        int priority = 0;
        JsonNode p = json.get("Priority");
        if (p != null) {
            if (!p.isIntegralNumber() || !p.canConvertToInt()) {
                throw new OrthancException(ErrorCode.BadFileFormat, "The field \"Priority\" must be an integer");
            }
            priority = p.asInt();
        }
        return new PeerStoreRequest(ids, compress, transcode, permissive, asynchronous, priority, json.get("UserData"));
    }

    private static PeerStoreRequest simple(List<String> ids) {
        return new PeerStoreRequest(ids, false, null, false, false, 0, null);
    }

    private static List<String> ids(List<JsonNode> items) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isTextual()) {
                throw bad("Resources to be exported must be specified as a JSON array of strings");
            }
            String s = item.asText().replace(" ", "");
            if (!ORTHANC_ID.matcher(s).matches()) {
                throw bad("This string is not a valid Orthanc identifier: " + item.asText());
            }
            ids.add(s);
        }
        return ids;
    }

    private static boolean bool(JsonNode o, String field, boolean def) {
        JsonNode n = o.get(field);
        if (n == null) {
            return def;
        }
        if (!n.isBoolean()) {
            throw bad("The field \"" + field + "\" must be a Boolean (true or false)");
        }
        return n.asBoolean();
    }

    private static OrthancException bad(String details) {
        return new OrthancException(ErrorCode.BadFileFormat, details);
    }
}
