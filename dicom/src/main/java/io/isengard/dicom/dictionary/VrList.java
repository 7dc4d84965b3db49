package io.isengard.dicom.dictionary;

import io.isengard.dicom.VR;
import java.util.List;

/** The "vrs" column of the generated resources: real VRs separated by '/', the usual one first. */
final class VrList {
    private VrList() {}

    /** Thousands of entries have a single VR: they share one immutable list per VR. */
    private static final List<List<VR>> SINGLE;

    static {
        VR[] all = VR.values();
        @SuppressWarnings("unchecked")
        List<VR>[] lists = new List[all.length];
        for (VR vr : all) {
            lists[vr.ordinal()] = List.of(vr);
        }
        SINGLE = List.of(lists);
    }

    static List<VR> parse(String column) {
        if (column.isEmpty()) {
            return List.of();
        }
        if (column.length() == 2) {
            return SINGLE.get(vr(column, 0).ordinal());
        }
        VR[] vrs = new VR[(column.length() + 1) / 3];
        for (int i = 0; i < vrs.length; i++) {
            vrs[i] = vr(column, 3 * i);
            if (3 * i + 2 < column.length() && column.charAt(3 * i + 2) != '/') {
                throw new IllegalStateException("bad VR list in dictionary resource: " + column);
            }
        }
        return List.of(vrs);
    }

    private static VR vr(String column, int at) {
        VR vr = at + 2 <= column.length() ? VR.ofName(column.substring(at, at + 2)) : null;
        if (vr == null) {
            throw new IllegalStateException("bad VR list in dictionary resource: " + column);
        }
        return vr;
    }
}
