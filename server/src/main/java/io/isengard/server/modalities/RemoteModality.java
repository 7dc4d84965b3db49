package io.isengard.server.modalities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.rest.Json;

/**
 * One entry of "DicomModalities" (modalities.md §1): where the remote AE is,
 * what it may ask of us, and how we talk to it.
 *
 * @param localAet calling AET when we open an association to it; "" = none
 * @param timeout seconds, 0 = DicomScuTimeout
 * @param retrieveMethod "C-MOVE", "C-GET", or null for DicomDefaultRetrieveMethod
 */
public record RemoteModality(String aet, String host, int port, Manufacturer manufacturer, boolean allowEcho,
        boolean allowStore, boolean allowFind, boolean allowFindWorklist, boolean allowMove, boolean allowGet,
        boolean allowNAction, boolean allowEventReport, boolean allowTranscoding, boolean useDicomTls,
        String localAet, int timeout, String retrieveMethod) {

    /** The short form's defaults: everything allowed, no TLS, no LocalAet, no own timeout. */
    public static RemoteModality of(String aet, String host, int port, Manufacturer manufacturer) {
        return new RemoteModality(aet, host, port, manufacturer, true, true, true, true, true, true, true, true,
                true, false, "", 0, null);
    }

    public boolean hasLocalAet() {
        return !localAet.isEmpty();
    }

    /** Either form of §1.1/§1.2 (what PUT /modalities/{id} and the configuration file accept). */
    public static RemoteModality parse(JsonNode json) {
        if (json != null && json.isArray()) {
            return parseArray(json);
        }
        if (json != null && json.isObject()) {
            return parseObject(json);
        }
        throw new OrthancException(ErrorCode.BadFileFormat, "Bad format of a modality, expected an array "
                + "[AET, host, port(, manufacturer)] or an object with fields AET, Host, Port");
    }

    private static RemoteModality parseArray(JsonNode a) {
        if ((a.size() != 3 && a.size() != 4) || !a.get(0).isTextual() || !a.get(1).isTextual()
                || (a.size() == 4 && !a.get(3).isTextual())) {
            throw new OrthancException(ErrorCode.BadFileFormat, "Bad format of a modality in its short form, "
                    + "expected [\"AET\", \"host\", port] or [\"AET\", \"host\", port, \"manufacturer\"]");
        }
        Manufacturer m = a.size() == 4 ? Manufacturer.parse(a.get(3).asText()) : Manufacturer.Generic;
        return of(a.get(0).asText(), a.get(1).asText(), port(a.get(2)), m);
    }

    private static RemoteModality parseObject(JsonNode o) {
        String aet = string(o, "AET");
        String host = string(o, "Host");
        if (!o.has("Port")) {
            throw new OrthancException(ErrorCode.BadFileFormat, "Integer value expected in field: Port");
        }
        int port = port(o.get("Port"));
        Manufacturer m = o.has("Manufacturer") ? Manufacturer.parse(string(o, "Manufacturer")) : Manufacturer.Generic;
        boolean nAction = bool(o, "AllowNAction", true);
        boolean eventReport = bool(o, "AllowEventReport", true);
        if (o.has("AllowStorageCommitment")) {
            nAction = eventReport = bool(o, "AllowStorageCommitment", true);
        }
        String localAet = o.has("LocalAet") ? string(o, "LocalAet") : "";
        int timeout = 0;
        if (o.has("Timeout")) {
            JsonNode t = o.get("Timeout");
            if (!t.canConvertToInt() || !t.isIntegralNumber() || t.asInt() < 0) {
                throw new OrthancException(ErrorCode.BadFileFormat,
                        "Unsigned integer value expected in field: Timeout");
            }
            timeout = t.asInt();
        }
        String retrieveMethod = null;
        if (o.has("RetrieveMethod")) {
            retrieveMethod = string(o, "RetrieveMethod");
            if (!retrieveMethod.equals("C-MOVE") && !retrieveMethod.equals("C-GET")) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange,
                        "RetrieveMethod must be \"C-MOVE\" or \"C-GET\", but found: \"" + retrieveMethod + "\"");
            }
        }
        return new RemoteModality(aet, host, port, m, bool(o, "AllowEcho", true), bool(o, "AllowStore", true),
                bool(o, "AllowFind", true), bool(o, "AllowFindWorklist", true), bool(o, "AllowMove", true),
                bool(o, "AllowGet", true), nAction, eventReport, bool(o, "AllowTranscoding", true),
                bool(o, "UseDicomTls", false), localAet, timeout, retrieveMethod);
    }

    /** A JSON integer or a string holding one, in 1..65534. */
    static int port(JsonNode p) {
        long value;
        if (p.isIntegralNumber()) {
            value = p.asLong();
        } else if (p.isTextual()) {
            try {
                value = Long.parseLong(p.asText().strip());
            } catch (NumberFormatException e) {
                throw new OrthancException(ErrorCode.BadFileFormat,
                        "A TCP port number must be an integer, but found: \"" + p.asText() + "\"");
            }
        } else {
            throw new OrthancException(ErrorCode.BadFileFormat, "A TCP port number must be an integer, but found: "
                    + p);
        }
        if (value < 1 || value > 65534) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange,
                    "A TCP port number must be in range [1..65534], but found: " + value);
        }
        return (int) value;
    }

    private static String string(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "String value expected in field: " + field);
        }
        return v.asText();
    }

    private static boolean bool(JsonNode o, String field, boolean def) {
        JsonNode v = o.get(field);
        if (v == null) {
            return def;
        }
        if (!v.isBoolean()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "Boolean value expected in field: " + field);
        }
        return v.asBoolean();
    }

    /** The serialized form (§1.4): always the object form with all keys, sorted. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("AET", aet);
        o.put("AllowEcho", allowEcho);
        o.put("AllowEventReport", allowEventReport);
        o.put("AllowFind", allowFind);
        o.put("AllowFindWorklist", allowFindWorklist);
        o.put("AllowGet", allowGet);
        o.put("AllowMove", allowMove);
        o.put("AllowNAction", allowNAction);
        o.put("AllowStore", allowStore);
        o.put("AllowTranscoding", allowTranscoding);
        o.put("Host", host);
        o.put("LocalAet", localAet);
        o.put("Manufacturer", manufacturer.name());
        o.put("Port", port);
        if (retrieveMethod != null) {
            o.put("RetrieveMethod", retrieveMethod);
        }
        o.put("Timeout", timeout);
        o.put("UseDicomTls", useDicomTls);
        return o;
    }
}
