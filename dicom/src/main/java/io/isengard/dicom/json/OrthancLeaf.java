package io.isengard.dicom.json;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Fragments;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.dictionary.DictionaryEntry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * The value of one non-sequence element as Orthanc shows it (what Orthanc's
 * {@code FromDcmtkBridge::ConvertLeafElement} makes of DCMTK's element).
 *
 * @param type "String", "Null", "TooLong" or "Binary"
 * @param value the text, or null for Null and TooLong
 */
record OrthancLeaf(String type, String value) {
    static final OrthancLeaf NULL = new OrthancLeaf("Null", null);
    static final OrthancLeaf TOO_LONG = new OrthancLeaf("TooLong", null);

    static OrthancLeaf string(String s) {
        return new OrthancLeaf("String", s);
    }

    /** True for the VRs Orthanc treats as opaque bytes (DCMTK's OB, OF, OW, UN and "ox"). */
    static boolean isBinary(VR vr) {
        return vr == VR.OB || vr == VR.OW || vr == VR.OF || vr == VR.UN;
    }

    /**
     * @param vr the VR to render with (see {@link OrthancJson}: a UN value the user dictionary declares takes its VR)
     */
    static OrthancLeaf of(DataSet owner, int tag, VR vr, Object value, OrthancJsonOptions options) {
        if (value instanceof Fragments || tag == Tag.PixelData) {
            return NULL; // never megabytes of pixels in a tag dump
        }
        byte[] b = ValueBytes.of(value, vr);
        if (b == null) {
            return NULL;
        }
        if (vr == VR.UN) {
            // Orthanc shows a UN value as text when the dictionary gives its tag a string VR, as a C
            // string: up to its first NUL, trailing spaces kept (explicit UN (0008,0070) is
            // "HITACHI MEDICAL CORPORATION ", (0008,0050) "1909715\0" is "1909715"); else as binary.
            DictionaryEntry e = TagNames.entry(tag, owner.privateCreatorOf(tag), null);
            if (e != null && e.vr().isText()) {
                int end = 0;
                while (end < b.length && b[end] != 0) {
                    end++;
                }
                String text = owner.specificCharacterSet().decode(b, 0, end, e.vr());
                return options.tooLong(tag, utf8Length(text)) ? TOO_LONG : string(text);
            }
        }
        if (isBinary(vr)) {
            return switch (options.binary()) {
                case NULL -> NULL;
                case DATA_URI -> new OrthancLeaf("Binary",
                        "data:application/octet-stream;base64," + Base64.getEncoder().encodeToString(b));
                case ASCII -> new OrthancLeaf("Binary", printableAscii(b));
            };
        }
        String text = text(owner, vr, b);
        if (text == null) {
            return NULL;
        }
        return options.tooLong(tag, utf8Length(text)) ? TOO_LONG : string(text);
    }

    /** The text of a value, or null where Orthanc has none (empty binary numbers, VRs it does not render). */
    static String text(DataSet owner, VR vr, byte[] b) {
        if (vr.isText()) {
            // Orthanc converts every string element with the Specific Character Set, not only
            // the VRs PS3.5 says it applies to (visible with ISO_IR 13, where 0x5C is a yen sign).
            return stripTrailingPadding(owner.specificCharacterSet().decode(b, 0, b.length, vr));
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder sb = new StringBuilder();
        switch (vr) {
            case AT -> {
                // Orthanc shows the first tag only.
                if (b.length < 4) {
                    return null;
                }
                return Tag.toString(Tag.of(buf.getShort() & 0xFFFF, buf.getShort() & 0xFFFF));
            }
            case US, SS -> {
                while (buf.remaining() >= 2) {
                    short v = buf.getShort();
                    separate(sb).append(vr == VR.US ? v & 0xFFFF : v);
                }
            }
            case UL, SL -> {
                while (buf.remaining() >= 4) {
                    int v = buf.getInt();
                    separate(sb).append(vr == VR.UL ? v & 0xFFFFFFFFL : v);
                }
            }
            case FL, FD -> {
                while (buf.remaining() >= vr.swapUnit()) {
                    double v = vr == VR.FL ? buf.getFloat() : buf.getDouble();
                    separate(sb).append(PrintfG.g17(v));
                }
            }
            default -> {
                return null; // SV, UV, OD, OL, OV: Orthanc renders none of them
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static StringBuilder separate(StringBuilder sb) {
        return sb.isEmpty() ? sb : sb.append('\\');
    }

    /** DCMTK drops trailing padding (spaces, and NULs of UIs and sloppy writers); leading spaces stay. */
    static String stripTrailingPadding(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static String printableAscii(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        for (byte x : b) {
            if (x >= 0x20 && x < 0x7F) {
                sb.append((char) x);
            }
        }
        return sb.toString();
    }
}
