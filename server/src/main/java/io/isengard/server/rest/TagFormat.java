package io.isengard.server.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.dicom.Tag;
import io.isengard.dicom.dictionary.DictionaryEntry;
import io.isengard.dicom.dictionary.ElementDictionary;
import java.util.Map;

/**
 * The three ways Orthanc prints tags held as strings (resources.md §8):
 * human ("simplify": keyed by name), short (keyed gggg,eeee) and full
 * (keyed gggg,eeee, with Name/Type/Value).
 */
public enum TagFormat {
    HUMAN, SHORT, FULL;

    /** From GET arguments: simplify > short > full, else {@code def}. */
    public static TagFormat of(RestCall call, TagFormat def) {
        if (call.hasArgument("simplify")) {
            return HUMAN;
        }
        if (call.hasArgument("short")) {
            return SHORT;
        }
        if (call.hasArgument("full")) {
            return FULL;
        }
        return def;
    }

    /** The codec's name for this format. */
    public io.isengard.dicom.json.OrthancFormat orthancFormat() {
        return switch (this) {
            case HUMAN -> io.isengard.dicom.json.OrthancFormat.HUMAN;
            case SHORT -> io.isengard.dicom.json.OrthancFormat.SHORT;
            case FULL -> io.isengard.dicom.json.OrthancFormat.FULL;
        };
    }

    /** Main tags (tag → value) as an object of this format. */
    public ObjectNode render(Map<Integer, String> tags) {
        ObjectNode o = Json.object();
        tags.forEach((tag, value) -> put(o, tag, value));
        return o;
    }

    public void put(ObjectNode o, int tag, String value) {
        switch (this) {
            case HUMAN -> o.put(name(tag), value);
            case SHORT -> o.put(Tag.toString(tag), value);
            case FULL -> {
                ObjectNode f = o.putObject(Tag.toString(tag));
                f.put("Name", name(tag));
                f.put("Type", "String");
                f.put("Value", value);
            }
        }
    }

    /** The dictionary keyword of a tag, or gggg,eeee if unknown. */
    public static String name(int tag) {
        DictionaryEntry e = ElementDictionary.lookup(tag);
        return e == null ? Tag.toString(tag) : e.keyword();
    }
}
