package io.isengard.dicom.json;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Fragments;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.dictionary.DictionaryEntry;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orthanc's JSON forms of a data set ({@code /instances/{id}/tags},
 * {@code /header}, {@code MainDicomTags}...): full, short and human
 * (simplified). See {@link OrthancJsonOptions} for what is included.
 *
 * <p>Elements are written as they are visited; only the human form keeps, per
 * data set, the map of names to element indices it needs to sort by name.
 */
public final class OrthancJson {
    private static final int NO_INDEX = -1;

    private final OrthancFormat format;
    private final OrthancJsonOptions options;
    private final JsonWriter out;

    private OrthancJson(OrthancFormat format, OrthancJsonOptions options, JsonWriter out) {
        this.format = format;
        this.options = options;
        this.out = out;
    }

    /** Writes {@code dataSet} (a top-level data set, or the meta group for {@code /header}). */
    public static void write(DataSet dataSet, OrthancFormat format, OrthancJsonOptions options, JsonWriter out) {
        new OrthancJson(format, options, out).writeDataSet(dataSet, true);
    }

    /** The JSON text, compact. */
    public static String toJson(DataSet dataSet, OrthancFormat format, OrthancJsonOptions options) {
        StringBuilder sb = new StringBuilder();
        write(dataSet, format, options, JsonWriter.compact(sb));
        return sb.toString();
    }

    private void writeDataSet(DataSet ds, boolean topLevel) {
        out.beginObject();
        int end = lastIndex(ds, topLevel);
        boolean placeholder = topLevel && options.pixelDataPlaceholder() && options.includePixelData()
                && !ds.contains(Tag.PixelData);
        if (format == OrthancFormat.HUMAN) {
            writeByName(ds, end, placeholder);
        } else {
            int insertAt = placeholder ? -ds.indexOf(Tag.PixelData) - 1 : NO_INDEX;
            for (int i = 0; i < end; i++) {
                if (i == insertAt) {
                    writePixelDataPlaceholder();
                }
                if (included(ds, i)) {
                    writeElement(ds, i);
                }
            }
            if (insertAt == end) {
                writePixelDataPlaceholder();
            }
        }
        out.endObject();
    }

    /** Orthanc's human form is a JSON object sorted by name in which a later tag overwrites an earlier one. */
    private void writeByName(DataSet ds, int end, boolean placeholder) {
        Map<String, Integer> byName = new TreeMap<>();
        for (int i = 0; i < end; i++) {
            if (included(ds, i)) {
                byName.put(nameOf(ds, i), i);
            }
        }
        if (placeholder) {
            byName.put(TagNames.name(Tag.PixelData, null, options.dictionary()), NO_INDEX);
        }
        for (Map.Entry<String, Integer> e : byName.entrySet()) {
            if (e.getValue() == NO_INDEX) {
                out.name(e.getKey()).nullValue();
            } else {
                writeElement(ds, e.getValue());
            }
        }
    }

    private int lastIndex(DataSet ds, boolean topLevel) {
        if (topLevel && options.stopAfterPixelData()) {
            int i = ds.indexOf(Tag.PixelData);
            if (i >= 0) {
                return i + 1;
            }
        }
        return ds.size();
    }

    private boolean included(DataSet ds, int i) {
        int tag = ds.tagAt(i);
        if (Tag.isPrivate(tag) && !options.includePrivateTags()) {
            return false;
        }
        if (!options.includeUnknownTags() && TagNames.UNKNOWN.equals(nameOf(ds, i))) {
            return false;
        }
        Object value = ds.valueAt(i);
        if (OrthancLeaf.isBinary(vrOf(ds, i)) || value instanceof Fragments) {
            return tag == Tag.PixelData ? options.includePixelData() : options.includeBinary();
        }
        return true;
    }

    private void writeElement(DataSet ds, int i) {
        int tag = ds.tagAt(i);
        Object value = ds.valueAt(i);
        switch (format) {
            case FULL -> {
                out.name(Tag.toString(tag)).beginObject();
                out.member("Name", nameOf(ds, i));
                if (value instanceof Sequence seq) {
                    out.member("Type", "Sequence").name("Value");
                    writeItems(seq);
                } else {
                    String creator = ds.privateCreatorOf(tag);
                    if (creator != null) {
                        out.member("PrivateCreator", creator);
                    }
                    OrthancLeaf leaf = OrthancLeaf.of(ds, tag, vrOf(ds, i), value, options);
                    out.member("Type", leaf.type()).member("Value", leaf.value());
                }
                out.endObject();
            }
            case SHORT, HUMAN -> {
                out.name(format == OrthancFormat.SHORT ? Tag.toString(tag) : nameOf(ds, i));
                if (value instanceof Sequence seq) {
                    writeItems(seq);
                } else {
                    out.value(OrthancLeaf.of(ds, tag, vrOf(ds, i), value, options).value());
                }
            }
        }
    }

    private void writeItems(Sequence seq) {
        out.beginArray();
        for (DataSet item : seq) {
            writeDataSet(item, false);
        }
        out.endArray();
    }

    private void writePixelDataPlaceholder() {
        if (format == OrthancFormat.FULL) {
            out.name(Tag.toString(Tag.PixelData)).beginObject()
                    .member("Name", TagNames.name(Tag.PixelData, null, options.dictionary()))
                    .member("Type", "Null").member("Value", null).endObject();
        } else {
            out.name(Tag.toString(Tag.PixelData)).nullValue();
        }
    }

    private String nameOf(DataSet ds, int i) {
        int tag = ds.tagAt(i);
        return TagNames.name(tag, ds.privateCreatorOf(tag), options.dictionary());
    }

    /**
     * The VR to render with: a value read without a known VR (UN) takes the VR
     * the user dictionary declares, as DCMTK reads an implicit VR file with
     * that entry (the built-in dictionary was already applied by the reader).
     */
    private VR vrOf(DataSet ds, int i) {
        VR vr = ds.vrAt(i);
        if (vr == VR.UN && options.dictionary() != ExtraDictionary.NONE) {
            int tag = ds.tagAt(i);
            DictionaryEntry e = TagNames.extraEntry(tag, ds.privateCreatorOf(tag), options.dictionary());
            if (e != null && e.vr() != VR.SQ) {
                return e.vr();
            }
        }
        return vr;
    }
}
