package io.isengard.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Renders encoded values as text and numbers (values of binary VRs are little endian in memory). */
final class ValueText {
    private ValueText() {}

    static String toText(DataSet owner, VR vr, byte[] b) {
        if (vr.isText()) {
            String s = vr.usesSpecificCharacterSet()
                    ? owner.specificCharacterSet().decode(b, 0, b.length, vr)
                    : new String(b, StandardCharsets.ISO_8859_1);
            return trimPadding(s, vr);
        }
        if (vr == VR.AT) {
            StringBuilder sb = new StringBuilder();
            ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            while (buf.remaining() >= 4) {
                int g = buf.getShort() & 0xFFFF;
                int e = buf.getShort() & 0xFFFF;
                sb.append(sb.isEmpty() ? "" : "\\").append(Tag.toString(Tag.of(g, e)));
            }
            return sb.toString();
        }
        if (vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
            StringBuilder sb = new StringBuilder();
            ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int unit = vr.swapUnit();
            while (buf.remaining() >= unit) {
                double d = unit == 4 ? buf.getFloat() : buf.getDouble();
                sb.append(sb.isEmpty() ? "" : "\\").append(formatDouble(d, unit == 4));
            }
            return sb.toString();
        }
        long[] v = toLongs(owner, vr, b);
        if (v == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : "\\");
            if (vr == VR.UV || vr == VR.OV) {
                sb.append(Long.toUnsignedString(v[i]));
            } else {
                sb.append(v[i]);
            }
        }
        return sb.toString();
    }

    /** Shortest text that reads back as the same float or double, in DCMTK's %g spirit. */
    static String formatDouble(double d, boolean single) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return single ? Float.toString((float) d) : Double.toString(d);
    }

    static long[] toLongs(DataSet owner, VR vr, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (vr) {
            case US, SS, OW -> {
                long[] r = new long[b.length / 2];
                for (int i = 0; i < r.length; i++) {
                    short s = buf.getShort();
                    r[i] = vr == VR.SS ? s : s & 0xFFFF;
                }
                return r;
            }
            case UL, SL, OL -> {
                long[] r = new long[b.length / 4];
                for (int i = 0; i < r.length; i++) {
                    int x = buf.getInt();
                    r[i] = vr == VR.SL ? x : x & 0xFFFFFFFFL;
                }
                return r;
            }
            case SV, UV, OV -> {
                long[] r = new long[b.length / 8];
                for (int i = 0; i < r.length; i++) {
                    r[i] = buf.getLong();
                }
                return r;
            }
            case OB, UN -> {
                long[] r = new long[b.length];
                for (int i = 0; i < r.length; i++) {
                    r[i] = b[i] & 0xFF;
                }
                return r;
            }
            case IS, DS -> {
                String s = trimPadding(new String(b, StandardCharsets.ISO_8859_1), vr).strip();
                if (s.isEmpty()) {
                    return new long[0];
                }
                String[] parts = s.split("\\\\");
                long[] r = new long[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    String p = parts[i].strip();
                    try {
                        r[i] = vr == VR.IS ? Long.parseLong(p.startsWith("+") ? p.substring(1) : p)
                                : (long) Double.parseDouble(p);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                return r;
            }
            default -> {
                return null;
            }
        }
    }

    /** Removes trailing padding (spaces, and NULs for UI or sloppy writers), and leading spaces where insignificant. */
    static String trimPadding(String s, VR vr) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        if (vr.kind() == VR.Kind.STRING && vr != VR.UC) {
            while (start < end && s.charAt(start) == ' ') {
                start++;
            }
        }
        return s.substring(start, end);
    }
}
