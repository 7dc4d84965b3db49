package io.isengard.dicom.dictionary;

import io.isengard.dicom.VR;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the generated tab-separated resources of this package (made by
 * tools/dictionary/GenerateDictionary.java): '#' lines are comments, every
 * other line is one row.
 */
final class DictionaryResource {
    private final Map<String, List<VR>> vrLists = new HashMap<>();

    /** The rows of the resource, each split into exactly {@code columns} fields. */
    static List<String[]> rows(String name, int columns) {
        String text = read(name);
        List<String[]> rows = new ArrayList<>(8192);
        int lineNo = 0;
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNo++;
            if (end == start || text.charAt(start) == '#') {
                continue;
            }
            String[] f = split(text, start, end, columns);
            if (f == null) {
                throw new IllegalStateException(name + ":" + lineNo + ": expected " + columns + " fields: "
                        + text.substring(start, end));
            }
            rows.add(f);
        }
        return rows;
    }

    /** Reads the resource in one go: cheaper than a Reader line by line while the JVM is still cold. */
    private static String read(String name) {
        try (InputStream in = DictionaryResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("dictionary resource " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading dictionary resource " + name, e);
        }
    }

    /** The tab-separated fields of text[start, end), or null unless there are exactly {@code columns}. */
    private static String[] split(String text, int start, int end, int columns) {
        String[] f = new String[columns];
        for (int i = 0; i < columns - 1; i++) {
            int tab = text.indexOf('\t', start, end);
            if (tab < 0) {
                return null;
            }
            f[i] = text.substring(start, tab);
            start = tab + 1;
        }
        if (text.indexOf('\t', start, end) >= 0) {
            return null;
        }
        f[columns - 1] = text.substring(start, end);
        return f;
    }

    /** Parses a "US/SS" column, sharing one list per distinct spelling: thousands of entries use a few dozen. */
    List<VR> vrs(String column) {
        List<VR> known = vrLists.get(column);
        if (known != null) {
            return known;
        }
        VR[] vrs = new VR[(column.length() + 1) / 3];
        for (int i = 0; i < vrs.length; i++) {
            vrs[i] = VR.ofName(column.substring(3 * i, 3 * i + 2));
            if (vrs[i] == null || (3 * i + 2 < column.length() && column.charAt(3 * i + 2) != '/')) {
                throw new IllegalStateException("bad VR list '" + column + "' in dictionary resource");
            }
        }
        List<VR> list = List.of(vrs);
        vrLists.put(column, list);
        return list;
    }
}
