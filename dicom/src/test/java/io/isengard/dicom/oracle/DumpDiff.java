package io.isengard.dicom.oracle;

import io.isengard.dicom.VR;
import io.isengard.dicom.oracle.Dump.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Field-by-field differences between DCMTK's listing and ours. */
final class DumpDiff {
    private DumpDiff() {}

    enum Field { VR, LENGTH, VALUE, MISSING, EXTRA, SYNTAX, WARNING }

    /** One difference; {@code dcmtk} or {@code ours} is null when the entry is absent on that side. */
    record Difference(String key, Field field, String dcmtk, String ours) {
        @Override
        public String toString() {
            return switch (field) {
                case MISSING -> key + ": only DCMTK has " + dcmtk;
                case EXTRA -> key + ": only we have " + ours;
                case WARNING -> "DCMTK warns: " + key;
                default -> key + " " + field + ": DCMTK " + shorten(dcmtk) + ", ours " + shorten(ours);
            };
        }

        private static String shorten(String s) {
            return s.length() > 200 ? s.substring(0, 200) + "...(" + s.length() + " chars)" : s;
        }
    }

    /**
     * DCMTK's internal names for VRs it could not settle from the dictionary
     * in implicit VR, and what we may have settled them to: {@code up} is UL
     * holding a DICOMDIR offset, {@code ??} an element the dictionary does not
     * know, {@code xs} "US or SS", {@code ox} "OB or OW", {@code lt} "US or SS
     * or OW" (LUT data).
     */
    private static final Map<String, Set<String>> DCMTK_VR_NAMES = Map.of(
            "up", Set.of("UL"),
            "??", Set.of("UN"),
            "xs", Set.of("US", "SS"),
            "ox", Set.of("OB", "OW"),
            "lt", Set.of("US", "SS", "OW"));

    /** How DCMTK prints values of its internal VRs. */
    private static final Map<String, VR> DCMTK_PRINTS_AS = Map.of(
            "up", VR.UL, "??", VR.UN, "xs", VR.US, "ox", VR.OW, "lt", VR.OW);

    static boolean sameVR(String dcmtk, String ours) {
        return dcmtk.equals(ours) || DCMTK_VR_NAMES.getOrDefault(dcmtk, Set.of()).contains(ours);
    }

    /**
     * Our value as DCMTK prints it: where DCMTK left the VR unsettled and we
     * settled it, the same bytes print differently (e.g. SS -5 and xs 65531),
     * so ours are printed as DCMTK's VR prints.
     */
    private static String asDcmtkPrints(Entry dcmtk, Entry ours) {
        VR printAs = DCMTK_PRINTS_AS.get(dcmtk.vr());
        return printAs != null && ours.bytes() != null ? DcmdumpRenderer.value(printAs, ours.bytes()) : ours.value();
    }

    /**
     * DCMTK's own float-to-text conversion gets the last of its 8 (FL) or 17
     * (FD) digits wrong now and then, so floating point values compare as
     * numbers: equal as floats for FL and OF, within 2 ulps for FD and OD.
     */
    static boolean sameFloats(String vr, String dcmtk, String ours) {
        boolean single = vr.equals("FL") || vr.equals("OF");
        if (!single && !vr.equals("FD") && !vr.equals("OD")) {
            return false;
        }
        String[] a = dcmtk.split("\\\\", -1);
        String[] b = ours.split("\\\\", -1);
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            double x;
            double y;
            try {
                x = Double.parseDouble(a[i].replace("inf", "Infinity").replace("nan", "NaN"));
                y = Double.parseDouble(b[i].replace("inf", "Infinity").replace("nan", "NaN"));
            } catch (NumberFormatException e) {
                return false;
            }
            boolean same = single ? Float.compare((float) x, (float) y) == 0 || (float) x == (float) y
                    : Double.compare(x, y) == 0 || Math.abs(x - y) <= 2 * Math.ulp(y);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    static List<Difference> compare(String section, List<Entry> dcmtk, List<Entry> ours) {
        List<Difference> out = new ArrayList<>();
        Map<String, Entry> theirs = Dump.byKey(dcmtk);
        Map<String, Entry> mine = Dump.byKey(ours);
        for (Entry d : theirs.values()) {
            Entry o = mine.get(d.key());
            String key = section + d.key();
            if (o == null) {
                out.add(new Difference(key, Field.MISSING, d.toString(), null));
                continue;
            }
            if (!sameVR(d.vr(), o.vr())) {
                out.add(new Difference(key, Field.VR, d.vr(), o.vr()));
            }
            if (!d.length().equals(o.length())) {
                out.add(new Difference(key, Field.LENGTH, d.length(), o.length()));
            }
            String value = asDcmtkPrints(d, o);
            if (!d.value().equals(value) && !sameFloats(d.vr(), d.value(), value)) {
                out.add(new Difference(key, Field.VALUE, d.value(), value));
            }
        }
        for (Entry o : mine.values()) {
            if (!theirs.containsKey(o.key())) {
                out.add(new Difference(section + o.key(), Field.EXTRA, null, o.toString()));
            }
        }
        return out;
    }
}
