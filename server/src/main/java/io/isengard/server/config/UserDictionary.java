package io.isengard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Dictionary" option: tags added to the data dictionary (config.md §2),
 * {@code "gggg,eeee": [VR, Name, minMultiplicity?, maxMultiplicity?, PrivateCreator?]}.
 * A private entry written with its block ({@code "00e1,10c2"}) is bound to that
 * block, as in DCMTK; written block-relative ({@code "00e1,00c2"} or
 * {@code "00e1,c2"}), it matches its creator in whichever block the creator
 * reserved in a file, which is what Orthanc's sample configuration advises.
 */
public record UserDictionary(List<Entry> entries) {
    private static final Logger LOG = LoggerFactory.getLogger(UserDictionary.class);
    // Block-relative private elements may be written with two digits ("00e1,c2").
    private static final Pattern KEY = Pattern.compile("([0-9A-Fa-f]{4}),?([0-9A-Fa-f]{2}|[0-9A-Fa-f]{4})");
    public static final UserDictionary EMPTY = new UserDictionary(List.of());

    /**
     * One entry.
     *
     * @param maxMultiplicity 0 for "unbounded" (VM {@code min-n})
     * @param privateCreator null for public tags and private tags declared without creator
     */
    public record Entry(int tag, VR vr, String name, int minMultiplicity, int maxMultiplicity,
            String privateCreator) {
        /** The value multiplicity as PS3.6 writes it, e.g. {@code 1}, {@code 1-3}, {@code 2-n}. */
        public String vm() {
            if (maxMultiplicity == minMultiplicity) {
                return Integer.toString(minMultiplicity);
            }
            return minMultiplicity + "-" + (maxMultiplicity == 0 ? "n" : Integer.toString(maxMultiplicity));
        }
    }

    public UserDictionary {
        entries = List.copyOf(entries);
    }

    /** The entry of a tag declared without private creator, or null. */
    public Entry lookup(int tag) {
        for (Entry e : entries) {
            if (e.tag() == tag && e.privateCreator() == null) {
                return e;
            }
        }
        return null;
    }

    /** The entry with this name, or null. */
    public Entry lookup(String name) {
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The entry of a private tag reserved by {@code creator}: bound to the tag's block, else block-relative. */
    public Entry lookupPrivate(String creator, int tag) {
        Entry e = find(tag, creator);
        return e != null ? e : find(tag & 0xFFFF00FF, creator);
    }

    private Entry find(int tag, String creator) {
        for (Entry e : entries) {
            if (e.tag() == tag && Objects.equals(e.privateCreator(), creator)) {
                return e;
            }
        }
        return null;
    }

    /** The entries as the DICOM JSON formats consult them. */
    public io.isengard.dicom.json.UserDictionary toDicomDictionary() {
        io.isengard.dicom.json.UserDictionary d = new io.isengard.dicom.json.UserDictionary();
        for (Entry e : entries) {
            d.add(e.tag(), e.vr(), e.name(), e.vm(), e.privateCreator());
        }
        return d;
    }

    static UserDictionary of(OrthancConfiguration config) {
        JsonNode node = config.get("Dictionary");
        // Orthanc silently skips a Dictionary that is not an object; so do we, but say so.
        if (node == null || node.isNull()) {
            return EMPTY;
        }
        if (!(node instanceof ObjectNode section)) {
            LOG.warn("The configuration option \"Dictionary\" is not a JSON object and is ignored");
            return EMPTY;
        }
        List<Entry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = section.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            entries.add(parse(e.getKey(), e.getValue()));
        }
        return new UserDictionary(entries);
    }

    private static Entry parse(String key, JsonNode c) {
        if (!c.isArray() || c.size() < 2 || c.size() > 5 || !c.get(0).isTextual() || !c.get(1).isTextual()
                || (c.size() >= 3 && !isInt(c.get(2))) || (c.size() >= 4 && !isInt(c.get(3)))
                || (c.size() >= 5 && !c.get(4).isTextual())) {
            throw invalid(key, "expected [VR, Name, minMultiplicity?, maxMultiplicity?, PrivateCreator?]");
        }
        Matcher m = KEY.matcher(key.strip());
        if (!m.matches()) {
            throw new OrthancException(ErrorCode.UnknownDicomTag,
                    "The key of the dictionary entry \"" + key + "\" is not a tag written gggg,eeee");
        }
        int tag = Tag.of(Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16));
        VR vr = parseVr(key, c.get(0).asText());
        String name = c.get(1).asText();
        if (name.isBlank()) {
            throw invalid(key, "the name is empty");
        }
        int min = c.size() >= 3 ? c.get(2).asInt() : 1;
        int max = c.size() >= 4 ? c.get(3).asInt() : 1;
        if (min < 1) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange,
                    "The minimum multiplicity of the dictionary entry \"" + key + "\" must be at least 1");
        }
        if (max != 0 && max < min) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange, "The maximum multiplicity of the dictionary "
                    + "entry \"" + key + "\" must be 0 (unbounded) or at least the minimum " + min);
        }
        String creator = c.size() >= 5 ? c.get(4).asText() : null;
        if (creator != null && creator.isEmpty()) {
            creator = null;
        }
        if (creator != null && !Tag.isPrivate(tag)) {
            LOG.warn("The dictionary entry \"{}\" names a private creator but {} is not a private tag", key,
                    Tag.toString(tag));
        }
        return new Entry(tag, vr, name, min, max, creator);
    }

    private static VR parseVr(String key, String text) {
        if (text.length() == 2 && Character.isUpperCase(text.charAt(0)) && Character.isUpperCase(text.charAt(1))) {
            for (VR vr : VR.values()) {
                if (vr.name().equals(text)) {
                    return vr;
                }
            }
        }
        throw new OrthancException(ErrorCode.ParameterOutOfRange,
                "Unknown value representation \"" + text + "\" in the dictionary entry \"" + key + "\"");
    }

    private static boolean isInt(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt();
    }

    private static OrthancException invalid(String key, String why) {
        return new OrthancException(ErrorCode.BadFileFormat,
                "The definition of the '" + key + "' dictionary entry is invalid: " + why);
    }
}
