package io.isengard.dicom.oracle;

import io.isengard.dicom.BulkData;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Fragments;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.oracle.Dump.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lists our data set as {@code dcmdump +L -Un +Qn} lists DCMTK's, so that the
 * two can be compared. Every rule here copies what DCMTK 3.6.7 does when it
 * prints, not what DICOM says; where DCMTK changes a value on reading (odd
 * lengths), the rule says so.
 */
final class DcmdumpRenderer {
    private DcmdumpRenderer() {}

    private static final int DIRECTORY_RECORD_SEQUENCE = 0x00041220;
    private static final int DIRECTORY_RECORD_TYPE = 0x00041430;
    private static final String MEDIA_STORAGE_DIRECTORY_STORAGE = "1.2.840.10008.1.3.10";

    static Dump render(DicomFile file) {
        List<Entry> meta = new ArrayList<>();
        renderDataSet(file.meta(), "", meta, false);
        List<Entry> dataSet = new ArrayList<>();
        boolean dicomdir = MEDIA_STORAGE_DIRECTORY_STORAGE.equals(file.meta().string(Tag.MediaStorageSOPClassUID));
        renderDataSet(file.dataSet(), "", dataSet, dicomdir);
        return new Dump(meta, dataSet, file.meta().isEmpty() ? "Unknown Transfer Syntax" : "Little Endian Explicit",
                file.transferSyntax().uid());
    }

    private static void renderDataSet(DataSet ds, String prefix, List<Entry> out, boolean dicomdir) {
        for (int i = 0; i < ds.size(); i++) {
            String key = prefix + "(" + Tag.toString(ds.tagAt(i)) + ")";
            VR vr = ds.vrAt(i);
            Object value = ds.valueAt(i);
            if (value instanceof Sequence s) {
                out.add(new Entry(key, "SQ", length(s.encodedLength()),
                        "(Sequence with " + kind(s.encodedLength()) + " length #=" + s.size() + ")"));
                for (int k = 0; k < s.size(); k++) {
                    DataSet item = s.get(k);
                    String itemKey = key + "[" + k + "]";
                    // In a DICOMDIR, DCMTK names the directory records by their type.
                    String what = dicomdir && ds.tagAt(i) == DIRECTORY_RECORD_SEQUENCE && prefix.isEmpty()
                            ? "\"Directory Record\" " + item.string(DIRECTORY_RECORD_TYPE, "") + " #=" + item.size()
                            : "(Item with " + kind(item.encodedLength()) + " length #=" + item.size() + ")";
                    out.add(new Entry(itemKey, "na", length(item.encodedLength()), what));
                    renderDataSet(item, itemKey + ".", out, false);
                }
            } else if (value instanceof Fragments f) {
                out.add(new Entry(key, vr.name(), "u/l", "(PixelSequence #=" + f.size() + ")"));
                for (int k = 0; k < f.size(); k++) {
                    byte[] b = bytes(f.items().get(k), VR.OB);
                    out.add(new Entry(key + "[" + k + "]", "pi", String.valueOf(b.length), binary(VR.OB, b)));
                }
            } else {
                byte[] b = inMemory(vr, bytes(value, vr));
                out.add(new Entry(key, vr.name(), String.valueOf(b.length), value(vr, b), b));
            }
        }
    }

    private static String length(long encodedLength) {
        return encodedLength == Sequence.UNDEFINED_LENGTH ? "u/l" : String.valueOf(encodedLength);
    }

    private static String kind(long encodedLength) {
        return encodedLength == Sequence.UNDEFINED_LENGTH ? "undefined" : "explicit";
    }

    /**
     * DCMTK reads an odd-length value with one NUL byte more (its length
     * grows by one), except OW, whose length stays odd and whose last byte is
     * never printed.
     */
    private static byte[] inMemory(VR vr, byte[] b) {
        return (b.length & 1) == 1 && vr != VR.OW ? Arrays.copyOf(b, b.length + 1) : b;
    }

    /** The bytes of a value, references resolved (little endian, as values in memory are). */
    private static byte[] bytes(Object value, VR vr) {
        if (value instanceof byte[] b) {
            return b;
        }
        BulkData bulk = (BulkData) value;
        try (FileChannel ch = FileChannel.open(bulk.source())) {
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(bulk.length()));
            while (buf.hasRemaining() && ch.read(buf, bulk.offset() + buf.position()) > 0) {
                // reads until full
            }
            byte[] b = buf.array();
            if (bulk.bigEndian()) {
                swap(b, vr.swapUnit());
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void swap(byte[] b, int unit) {
        for (int i = 0; i + unit <= b.length; i += unit) {
            for (int j = 0; j < unit / 2; j++) {
                byte t = b[i + j];
                b[i + j] = b[i + unit - 1 - j];
                b[i + unit - 1 - j] = t;
            }
        }
    }

    static String value(VR vr, byte[] b) {
        if (vr.isText()) {
            String s = text(vr, b);
            return s.isEmpty() ? "(no value available)" : "[" + quote(s) + "]";
        }
        return binary(vr, b);
    }

    /**
     * DCMTK removes trailing padding: spaces, or NULs for UI, of which it also
     * removes every space (with a warning).
     */
    private static String text(VR vr, byte[] b) {
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (vr == VR.UI) {
            s = s.replace(" ", "");
        }
        char pad = vr == VR.UI ? '\0' : ' ';
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == pad) {
            end--;
        }
        return s.substring(0, end);
    }

    /** {@code +Qn}: markup characters as entities, control and non-ASCII bytes as {@code &#n;}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c < 32 || c >= 127) {
                        sb.append("&#").append((int) c).append(';');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String binary(VR vr, byte[] b) {
        int unit = switch (vr) {
            case OB, UN -> 1;
            case OW, US, SS, AT -> 2;
            case OL, UL, SL, OF, FL -> 4;
            default -> 8;
        };
        int count = vr == VR.AT ? b.length / 4 : b.length / unit;
        if (count == 0) {
            return "(no value available)";
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder sb = new StringBuilder(count * 5);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append('\\');
            }
            switch (vr) {
                case OB, UN -> hex(sb, b[i] & 0xFF, 2);
                case OW -> hex(sb, buf.getShort() & 0xFFFF, 4);
                case US -> sb.append(buf.getShort() & 0xFFFF);
                case SS -> sb.append(buf.getShort());
                case UL, OL -> sb.append(buf.getInt() & 0xFFFFFFFFL);
                case SL -> sb.append(buf.getInt());
                case UV, OV -> sb.append(Long.toUnsignedString(buf.getLong()));
                case SV -> sb.append(buf.getLong());
                case FL, OF -> sb.append(formatG(buf.getFloat(), 9));
                case FD, OD -> sb.append(formatG(buf.getDouble(), 17));
                case AT -> {
                    sb.append('(');
                    hex(sb, buf.getShort() & 0xFFFF, 4);
                    sb.append(',');
                    hex(sb, buf.getShort() & 0xFFFF, 4);
                    sb.append(')');
                }
                default -> throw new IllegalArgumentException("not a binary VR: " + vr);
            }
        }
        return sb.toString();
    }

    private static void hex(StringBuilder sb, int v, int digits) {
        String h = Integer.toHexString(v);
        sb.append("0".repeat(digits - h.length())).append(h);
    }

    /**
     * C's {@code %.<precision>g}, the form DCMTK prints floats in (its digits
     * are not always exact, see {@link DumpDiff#sameFloats}); -0 prints as 0.
     */
    static String formatG(double d, int precision) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal v = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = v.precision() - v.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = v.movePointLeft(exponent).stripTrailingZeros();
            String m = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
            String e = String.valueOf(Math.abs(exponent));
            return m + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        BigDecimal plain = v.stripTrailingZeros();
        return plain.scale() <= 0 ? plain.toBigInteger().toString() : plain.toPlainString();
    }
}
