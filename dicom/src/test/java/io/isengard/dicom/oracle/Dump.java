package io.isengard.dicom.oracle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data set listed the way {@code dcmdump} lists it: one entry per element,
 * sequence item and fragment, in document order, keyed by its place in the
 * tree. Made either by parsing dcmdump's output ({@link DcmdumpParser}) or by
 * rendering our {@link io.isengard.dicom.DataSet} ({@link DcmdumpRenderer}),
 * so that the two can be compared field by field.
 *
 * @param meta the file meta information entries (empty if none)
 * @param dataSet the data set entries
 * @param metaSyntax dcmdump's name of the meta group's transfer syntax ("Unknown Transfer Syntax" if none)
 * @param dataSetSyntax dcmdump's name of the data set's transfer syntax
 */
record Dump(List<Entry> meta, List<Entry> dataSet, String metaSyntax, String dataSetSyntax) {

    /**
     * One listed element.
     *
     * @param key its place: tags of the enclosing sequences with item
     *     indices, then its own tag, e.g. {@code (0008,1140)[0].(0008,1150)};
     *     items are {@code (0008,1140)[0]}, fragments {@code (7fe0,0010)[1]}
     * @param vr as dcmdump spells it ({@code na} items, {@code pi} fragments)
     * @param length the value length, {@code u/l} for undefined
     * @param value the value as dcmdump prints it with {@code +L +Qn -Un}
     * @param bytes our value's bytes as DCMTK holds them (see {@link DcmdumpRenderer}),
     *     to print them as DCMTK's VR says; null for DCMTK's entries, sequences and items
     */
    record Entry(String key, String vr, String length, String value, byte[] bytes) {
        Entry(String key, String vr, String length, String value) {
            this(key, vr, length, value, null);
        }

        /** The tag of the element itself, {@code (gggg,eeee)}. */
        String tag() {
            int i = key.lastIndexOf('(');
            return key.substring(i, i + 11);
        }

        boolean isItem() {
            return key.endsWith("]");
        }

        @Override
        public String toString() {
            String v = value.length() > 120 ? value.substring(0, 120) + "...(" + value.length() + " chars)" : value;
            return key + " " + vr + " #" + length + " " + v;
        }
    }

    /** Entries by key; a key seen twice keeps its first entry. */
    static Map<String, Entry> byKey(List<Entry> entries) {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Entry e : entries) {
            m.putIfAbsent(e.key(), e);
        }
        return m;
    }
}
