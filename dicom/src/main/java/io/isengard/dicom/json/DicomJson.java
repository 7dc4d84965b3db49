package io.isengard.dicom.json;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Fragments;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The DICOM JSON model of PS3.18 Annex F: {@code {"GGGGEEEE": {"vr": ..,
 * "Value": [..]}}}, numbers as JSON numbers, person names as objects,
 * sequences as arrays of objects, binary values inline or by reference as
 * {@link BulkDataPolicy} decides. Group lengths are left out (F.2.1: they
 * carry nothing once the encoding is gone). Read it back with {@link DicomJsonReader}.
 */
public final class DicomJson {
    private static final String[] PN_GROUPS = {"Alphabetic", "Ideographic", "Phonetic"};

    private final BulkDataPolicy bulkData;
    private final ExtraDictionary dictionary;
    private final JsonWriter out;

    private DicomJson(BulkDataPolicy bulkData, ExtraDictionary dictionary, JsonWriter out) {
        this.bulkData = bulkData;
        this.dictionary = dictionary;
        this.out = out;
    }

    public static void write(DataSet dataSet, BulkDataPolicy bulkData, JsonWriter out) {
        write(dataSet, bulkData, ExtraDictionary.NONE, out);
    }

    /**
     * Writes {@code dataSet}; values stored as UN whose tag a dictionary
     * ({@code dictionary}, then the built-in one) knows are written with that VR.
     */
    public static void write(DataSet dataSet, BulkDataPolicy bulkData, ExtraDictionary dictionary, JsonWriter out) {
        new DicomJson(bulkData, dictionary, out).writeDataSet(dataSet, "");
    }

    /** The JSON text, compact, binary values inline. */
    public static String toJson(DataSet dataSet) {
        return toJson(dataSet, BulkDataPolicy.INLINE);
    }

    public static String toJson(DataSet dataSet, BulkDataPolicy bulkData) {
        StringBuilder sb = new StringBuilder();
        write(dataSet, bulkData, JsonWriter.compact(sb));
        return sb.toString();
    }

    private void writeDataSet(DataSet ds, String prefix) {
        out.beginObject();
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (Tag.isGroupLength(tag)) {
                continue;
            }
            writeElement(ds, tag, EffectiveVR.of(ds, i, dictionary), ds.valueAt(i), prefix + Tag.toJsonKey(tag));
        }
        out.endObject();
    }

    private void writeElement(DataSet ds, int tag, VR vr, Object value, String path) {
        if (value instanceof Sequence seq) {
            out.name(Tag.toJsonKey(tag)).beginObject().member("vr", VR.SQ.name());
            if (!seq.isEmpty()) {
                out.name("Value").beginArray();
                for (int i = 0; i < seq.size(); i++) {
                    writeDataSet(seq.get(i), path + "/" + i + "/");
                }
                out.endArray();
            }
            out.endObject();
            return;
        }
        if (isBinary(vr) || value instanceof Fragments) {
            writeBinary(tag, vr, value, path);
            return;
        }
        byte[] b = ValueBytes.of(value, vr);
        out.name(Tag.toJsonKey(tag)).beginObject().member("vr", vr.name());
        if (b != null && b.length > 0) {
            if (vr.isText()) {
                writeText(ds, vr, b);
            } else {
                writeNumbers(vr, b);
            }
        }
        out.endObject();
    }

    /** The VRs whose values are bytes rather than numbers in DICOM JSON (F.2.7). */
    static boolean isBinary(VR vr) {
        return switch (vr) {
            case OB, OD, OF, OL, OV, OW, UN -> true;
            default -> false;
        };
    }

    private void writeBinary(int tag, VR vr, Object value, String path) {
        long length = value instanceof Fragments f ? fragmentsLength(f) : lengthOf(value);
        BulkDataPolicy.Decision d = bulkData.decide(path, tag, vr, length);
        switch (d.kind()) {
            case OMIT -> {
                return;
            }
            case BULK_DATA_URI -> out.name(Tag.toJsonKey(tag)).beginObject().member("vr", vr.name())
                    .member("BulkDataURI", d.uri()).endObject();
            case INLINE -> {
                byte[] b = value instanceof Fragments f ? encapsulated(f) : ValueBytes.of(value, vr);
                out.name(Tag.toJsonKey(tag)).beginObject().member("vr", vr.name());
                if (b != null && b.length > 0) {
                    out.member("InlineBinary", Base64.getEncoder().encodeToString(b));
                }
                out.endObject();
            }
        }
    }

    private void writeText(DataSet ds, VR vr, byte[] b) {
        String s = vr.usesSpecificCharacterSet()
                ? ds.specificCharacterSet().decode(b, 0, b.length, vr)
                : new String(b, StandardCharsets.ISO_8859_1);
        String[] values = vr.kind() == VR.Kind.TEXT ? new String[] {s} : s.split("\\\\", -1);
        if (values.length == 1 && DicomStrings.trim(values[0], vr).isEmpty()) {
            return; // an empty value has no "Value" (F.2.5)
        }
        out.name("Value").beginArray();
        for (String raw : values) {
            String v = DicomStrings.trim(raw, vr);
            if (v.isEmpty()) {
                out.nullValue();
            } else if (vr == VR.PN) {
                writePersonName(v);
            } else if (vr == VR.IS || vr == VR.DS) {
                String number = JsonNumbers.fromDecimalString(v);
                if (number != null) {
                    out.numberText(number);
                } else {
                    out.value(v); // not a number: keep the text rather than lose it
                }
            } else {
                out.value(v);
            }
        }
        out.endArray();
    }

    private void writePersonName(String v) {
        String[] groups = v.split("=", -1);
        out.beginObject();
        for (int g = 0; g < groups.length && g < PN_GROUPS.length; g++) {
            String group = DicomStrings.trim(groups[g], VR.PN);
            if (!group.isEmpty()) {
                out.member(PN_GROUPS[g], group);
            }
        }
        out.endObject();
    }

    private void writeNumbers(VR vr, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int unit = vr == VR.AT ? 4 : vr.swapUnit();
        if (b.length < unit) {
            return;
        }
        out.name("Value").beginArray();
        while (buf.remaining() >= unit) {
            switch (vr) {
                case AT -> {
                    int g = buf.getShort() & 0xFFFF;
                    int e = buf.getShort() & 0xFFFF;
                    out.value(Tag.toJsonKey(Tag.of(g, e)));
                }
                case US -> out.value(buf.getShort() & 0xFFFF);
                case SS -> out.value(buf.getShort());
                case UL -> out.value(buf.getInt() & 0xFFFFFFFFL);
                case SL -> out.value(buf.getInt());
                case SV -> out.value(buf.getLong());
                case UV -> out.numberText(Long.toUnsignedString(buf.getLong()));
                case FL -> {
                    float f = buf.getFloat();
                    writeFloating(f, Float.toString(f));
                }
                case FD -> {
                    double d = buf.getDouble();
                    writeFloating(d, Double.toString(d));
                }
                default -> throw new IllegalStateException("not a numeric VR: " + vr);
            }
        }
        out.endArray();
    }

    /** {@code shortest}: Java's shortest text that reads back as the same float (FL) or double (FD). */
    private void writeFloating(double v, String shortest) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            out.value(shortest); // JSON has no such numbers: "NaN", "Infinity" as text
            return;
        }
        out.numberText(shortest.endsWith(".0") ? shortest.substring(0, shortest.length() - 2) : shortest);
    }

    private static long lengthOf(Object value) {
        if (value instanceof byte[] b) {
            return b.length;
        }
        return value instanceof io.isengard.dicom.BulkData ref ? ref.length() : 0;
    }

    private static long fragmentsLength(Fragments f) {
        long n = 0;
        for (int i = 0; i < f.size(); i++) {
            n += f.length(i);
        }
        return n;
    }

    /** The value field of encapsulated pixel data: items (offset table first) and the sequence delimiter. */
    private static byte[] encapsulated(Fragments f) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        for (Object item : f.items()) {
            byte[] b = ValueBytes.of(item, VR.OB);
            if (b == null) {
                return null;
            }
            writeItemHeader(bos, Tag.Item, b.length);
            bos.writeBytes(b);
        }
        writeItemHeader(bos, Tag.SequenceDelimitationItem, 0);
        return bos.toByteArray();
    }

    private static void writeItemHeader(ByteArrayOutputStream bos, int tag, int length) {
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort((short) Tag.group(tag)).putShort((short) Tag.element(tag)).putInt(length);
        bos.writeBytes(h.array());
    }
}
