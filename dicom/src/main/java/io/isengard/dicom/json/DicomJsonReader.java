package io.isengard.dicom.json;

import io.isengard.dicom.BulkData;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Fragments;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads the DICOM JSON model (PS3.18 Annex F) back into a {@link DataSet}, e.g.
 * for STOW-RS with {@code application/dicom+json}. Text is encoded with the
 * data set's Specific Character Set (0008,0005), which is applied first.
 */
public final class DicomJsonReader {
    /** Fetches the bytes behind a {@code BulkDataURI}: a {@code byte[]} or a {@link BulkData} reference. */
    @FunctionalInterface
    public interface BulkDataResolver {
        /** Refuses every URI. */
        BulkDataResolver NONE = (uri, tag, vr) -> {
            throw new JsonParseException("BulkDataURI " + uri + " of " + Tag.toString(tag)
                    + " cannot be resolved here", -1);
        };

        Object resolve(String uri, int tag, VR vr);
    }

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private final BulkDataResolver resolver;

    private DicomJsonReader(BulkDataResolver resolver) {
        this.resolver = resolver;
    }

    /** Reads a document holding one data set (an object) without bulk data references. */
    public static DataSet read(String json) {
        return read(json, BulkDataResolver.NONE);
    }

    public static DataSet read(String json, BulkDataResolver resolver) {
        Object root = JsonParser.parse(json);
        if (!(root instanceof Map<?, ?> map)) {
            throw new JsonParseException("a DICOM JSON data set is an object; use readAll for an array", -1);
        }
        return new DicomJsonReader(resolver).dataSet(map, new DataSet());
    }

    /** Reads a document holding an array of data sets (as DICOMweb answers and STOW requests do). */
    public static List<DataSet> readAll(String json, BulkDataResolver resolver) {
        Object root = JsonParser.parse(json);
        List<?> list = root instanceof List<?> l ? l : List.of(root);
        DicomJsonReader reader = new DicomJsonReader(resolver);
        List<DataSet> result = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> map)) {
                throw new JsonParseException("expected a data set (object) in the array, found " + describe(o), -1);
            }
            result.add(reader.dataSet(map, new DataSet()));
        }
        return result;
    }

    private DataSet dataSet(Map<?, ?> json, DataSet target) {
        // The character set first: the other text values are encoded with it.
        Object charset = json.get(Tag.toJsonKey(Tag.SpecificCharacterSet));
        if (charset != null) {
            element(target, Tag.SpecificCharacterSet, charset);
        }
        for (Map.Entry<?, ?> e : json.entrySet()) {
            String key = (String) e.getKey();
            long tag = key.length() == 8 ? Tag.parse(key) : -1;
            if (tag < 0) {
                throw new JsonParseException("\"" + key + "\" is not a tag; DICOM JSON keys are GGGGEEEE in hex", -1);
            }
            if ((int) tag != Tag.SpecificCharacterSet) {
                element(target, (int) tag, e.getValue());
            }
        }
        return target;
    }

    private void element(DataSet target, int tag, Object json) {
        String where = Tag.toJsonKey(tag);
        if (!(json instanceof Map<?, ?> attr)) {
            throw new JsonParseException(where + ": expected an object with \"vr\", found " + describe(json), -1);
        }
        VR vr = attr.get("vr") instanceof String s ? VR.ofName(s) : null;
        if (vr == null) {
            throw new JsonParseException(where + ": missing or unknown \"vr\": " + attr.get("vr"), -1);
        }
        Object value = attr.get("Value");
        Object inline = attr.get("InlineBinary");
        Object uri = attr.get("BulkDataURI");
        if (inline != null) {
            byte[] b = base64(where, inline);
            target.put(tag, vr, tag == Tag.PixelData ? fragmentsOrBytes(b) : padded(b));
        } else if (uri != null) {
            Object resolved = resolver.resolve(String.valueOf(uri), tag, vr);
            if (!(resolved instanceof byte[] || resolved instanceof BulkData || resolved instanceof Fragments)) {
                throw new JsonParseException(where + ": bulk data " + uri + " resolved to nothing usable", -1);
            }
            target.put(tag, vr, resolved);
        } else if (vr == VR.SQ) {
            Sequence seq = target.newSequence(tag);
            for (Object item : values(where, value)) {
                if (!(item instanceof Map<?, ?> m)) {
                    throw new JsonParseException(where + ": a sequence item must be an object, found "
                            + describe(item), -1);
                }
                dataSet(m, seq.addItem());
            }
        } else if (vr.isText()) {
            target.putString(tag, vr, strings(where, vr, values(where, value)));
        } else {
            target.put(tag, vr, binaryNumbers(where, vr, values(where, value)));
        }
    }

    private static List<?> values(String where, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw new JsonParseException(where + ": \"Value\" must be an array, found " + describe(value), -1);
        }
        return l;
    }

    private static String[] strings(String where, VR vr, List<?> values) {
        String[] s = new String[values.size()];
        for (int i = 0; i < s.length; i++) {
            Object v = values.get(i);
            if (v == null) {
                s[i] = "";
            } else if (vr == VR.PN && v instanceof Map<?, ?> pn) {
                s[i] = personName(pn);
            } else if (v instanceof String str) {
                s[i] = str;
            } else if (v instanceof BigDecimal n && (vr == VR.IS || vr == VR.DS)) {
                s[i] = vr == VR.IS ? integerString(where, n) : decimalString(n);
            } else {
                throw new JsonParseException(where + ": unexpected " + describe(v) + " in a " + vr + " value", -1);
            }
        }
        return s;
    }

    private static String personName(Map<?, ?> pn) {
        String[] groups = new String[3];
        String[] keys = {"Alphabetic", "Ideographic", "Phonetic"};
        int last = -1;
        for (int g = 0; g < 3; g++) {
            Object v = pn.get(keys[g]);
            groups[g] = v == null ? "" : v.toString();
            if (!groups[g].isEmpty()) {
                last = g;
            }
        }
        return last < 0 ? "" : String.join("=", java.util.Arrays.copyOf(groups, last + 1));
    }

    private static String integerString(String where, BigDecimal n) {
        try {
            return n.toBigIntegerExact().toString();
        } catch (ArithmeticException e) {
            throw new JsonParseException(where + ": " + n + " is not an integer (IS)", -1);
        }
    }

    /** A DS value fits 16 characters: fewer digits when the JSON number has more. */
    static String decimalString(BigDecimal n) {
        String s = n.toPlainString();
        if (s.length() > 16) {
            s = n.toString();
        }
        for (int p = 16; s.length() > 16 && p > 0; p--) {
            s = PrintfG.g(n.doubleValue(), p);
        }
        return s;
    }

    private static byte[] binaryNumbers(String where, VR vr, List<?> values) {
        int unit = vr == VR.AT ? 4 : vr.swapUnit();
        ByteBuffer buf = ByteBuffer.allocate(values.size() * unit).order(ByteOrder.LITTLE_ENDIAN);
        for (Object v : values) {
            if (vr == VR.AT) {
                long t = v instanceof String s && s.length() == 8 ? Tag.parse(s) : -1;
                if (t < 0) {
                    throw new JsonParseException(where + ": an AT value is a GGGGEEEE string, found " + describe(v), -1);
                }
                buf.putShort((short) Tag.group((int) t)).putShort((short) Tag.element((int) t));
                continue;
            }
            BigDecimal n = number(where, v);
            switch (vr) {
                case US, SS -> buf.putShort((short) n.intValue());
                case UL, SL -> buf.putInt((int) n.longValue());
                case SV -> buf.putLong(n.longValue());
                case UV -> buf.putLong(n.toBigInteger().mod(TWO_64).longValue());
                case FL -> buf.putFloat(n.floatValue());
                case FD -> buf.putDouble(n.doubleValue());
                default -> throw new JsonParseException(where + ": " + vr
                        + " values are binary; expected \"InlineBinary\" or \"BulkDataURI\"", -1);
            }
        }
        return buf.array();
    }

    private static BigDecimal number(String where, Object v) {
        if (v instanceof BigDecimal n) {
            return n;
        }
        if (v instanceof String s) {
            switch (s) {
                case "NaN", "Infinity", "-Infinity" -> throw new JsonParseException(where + ": " + s
                        + " cannot be stored exactly here; only finite numbers are supported", -1);
                default -> {
                    try {
                        return new BigDecimal(s.strip());
                    } catch (NumberFormatException e) {
                        // fall through to the error below
                    }
                }
            }
        }
        throw new JsonParseException(where + ": expected a number, found " + describe(v), -1);
    }

    private static byte[] base64(String where, Object inline) {
        try {
            // Line breaks are tolerated (some writers wrap base64); anything else not base64 is an error.
            return Base64.getDecoder().decode(String.valueOf(inline).replaceAll("[\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            throw new JsonParseException(where + ": \"InlineBinary\" is not base64: " + e.getMessage(), -1);
        }
    }

    /** Encapsulated pixel data was written inline as its item stream; anything else is native pixel data. */
    private static Object fragmentsOrBytes(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        Fragments f = new Fragments();
        while (buf.remaining() >= 8) {
            int tag = (buf.getShort() & 0xFFFF) << 16 | (buf.getShort() & 0xFFFF);
            long len = buf.getInt() & 0xFFFFFFFFL;
            if (tag == Tag.SequenceDelimitationItem && len == 0 && !buf.hasRemaining()) {
                return f;
            }
            if (tag != Tag.Item || len > buf.remaining()) {
                break;
            }
            byte[] item = new byte[(int) len];
            buf.get(item);
            f.add(item);
        }
        return padded(b);
    }

    private static byte[] padded(byte[] b) {
        return (b.length & 1) == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1);
    }

    private static String describe(Object o) {
        if (o == null) {
            return "null";
        }
        String type = o instanceof Map ? "object" : o instanceof List ? "array" : o instanceof String ? "string"
                : o instanceof BigDecimal ? "number" : o.getClass().getSimpleName();
        return type + " " + (String.valueOf(o).length() > 60 ? String.valueOf(o).substring(0, 60) + "..." : o);
    }
}
