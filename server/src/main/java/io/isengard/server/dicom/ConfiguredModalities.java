package io.isengard.server.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code DicomModalities} section read as far as the DICOM server needs
 * it: the short form {@code ["AET", "host", port]} and the object form
 * ({@code AET}, {@code Host}, {@code Port}, the {@code Allow*} flags,
 * {@code UseDicomTls}). A stand-in until the /modalities registry serves
 * {@link KnownModalities}.
 */
public final class ConfiguredModalities implements KnownModalities {
    private final List<KnownModality> modalities;
    private final boolean strictAetComparison;

    public ConfiguredModalities(List<KnownModality> modalities, boolean strictAetComparison) {
        this.modalities = List.copyOf(modalities);
        this.strictAetComparison = strictAetComparison;
    }

    public static ConfiguredModalities of(OrthancConfiguration c) {
        boolean strict = c.getBoolean("StrictAetComparison", false);
        List<KnownModality> l = new ArrayList<>();
        JsonNode section = c.get("DicomModalities");
        if (section != null && !section.isNull()) {
            if (!section.isObject()) {
                throw bad("the option \"DicomModalities\" must be an object of modalities");
            }
            section.fields().forEachRemaining(e -> l.add(parse(e.getKey(), e.getValue())));
        }
        return new ConfiguredModalities(l, strict);
    }

    static KnownModality parse(String name, JsonNode v) {
        if (v.isArray()) {
            if (v.size() < 3 || !v.get(0).isTextual() || !v.get(1).isTextual()) {
                throw bad("modality \"" + name + "\" of \"DicomModalities\": expected [\"AET\", \"host\", port]");
            }
            return new KnownModality(name, v.get(0).asText(), v.get(1).asText(), port(name, v.get(2)),
                    true, true, true, true, true, true, true, false);
        }
        if (v.isObject()) {
            if (!v.path("AET").isTextual() || !v.has("Port")) {
                throw bad("modality \"" + name + "\" of \"DicomModalities\" needs \"AET\" and \"Port\"");
            }
            return new KnownModality(name, v.get("AET").asText(), v.path("Host").asText("127.0.0.1"),
                    port(name, v.get("Port")), flag(v, "AllowEcho"), flag(v, "AllowFind"),
                    flag(v, "AllowFindWorklist"), flag(v, "AllowGet"), flag(v, "AllowMove"), flag(v, "AllowStore"),
                    flag(v, "AllowStorageCommitment"), v.path("UseDicomTls").asBoolean(false));
        }
        throw bad("modality \"" + name + "\" of \"DicomModalities\" must be an array or an object");
    }

    private static boolean flag(JsonNode v, String name) {
        JsonNode f = v.get(name);
        return f == null || f.asBoolean(true);
    }

    private static int port(String name, JsonNode p) {
        int port = p.isNumber() ? p.asInt() : p.isTextual() ? parseInt(p.asText()) : -1;
        if (port <= 0 || port > 65535) {
            throw bad("modality \"" + name + "\" of \"DicomModalities\": bad port " + p);
        }
        return port;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static OrthancException bad(String message) {
        return new OrthancException(ErrorCode.BadFileFormat, message);
    }

    @Override
    public List<KnownModality> allByAet(String aet) {
        return modalities.stream().filter(m -> aetEquals(m.aet(), aet, strictAetComparison)).toList();
    }

    /** AE titles compared as StrictAetComparison says: exactly, or ignoring case. */
    static boolean aetEquals(String a, String b, boolean strict) {
        if (a == null || b == null) {
            return false;
        }
        return strict ? a.equals(b) : a.toUpperCase(Locale.ROOT).equals(b.toUpperCase(Locale.ROOT));
    }
}
