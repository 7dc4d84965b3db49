package io.isengard.dicom.dictionary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One of the generated tab-separated resources of this package (made by
 * tools/dictionary/GenerateDictionary.java), held as a single string: '#'
 * lines are comments, every other line is a row.
 *
 * <p>The dictionaries index rows by offset and split a row into fields only
 * when one of its entries is asked for: scanning the text is what a cold JVM
 * does quickly, building thousands of strings and entries is not.
 */
final class DictionaryText {
    private final String name;
    private final String text;
    private final int[] rowStarts;

    private DictionaryText(String name, String text) {
        this.name = name;
        this.text = text;
        this.rowStarts = findRows(text);
    }

    static DictionaryText read(String name) {
        try (InputStream in = DictionaryText.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("dictionary resource " + name + " is missing from the classpath");
            }
            return new DictionaryText(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading dictionary resource " + name, e);
        }
    }

    private static int[] findRows(String text) {
        int[] starts = new int[1024];
        int count = 0;
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start && text.charAt(start) != '#') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = start;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    int rows() {
        return rowStarts.length;
    }

    /** Offset of the first character of a row. */
    int start(int row) {
        return rowStarts[row];
    }

    char charAt(int offset) {
        return text.charAt(offset);
    }

    /** The offset of the next tab at or after {@code from} in the same row. */
    int tabAfter(int from) {
        int tab = text.indexOf('\t', from);
        int newline = text.indexOf('\n', from);
        if (tab < 0 || (newline >= 0 && newline < tab)) {
            throw malformed(from, "missing field");
        }
        return tab;
    }

    /** {@code digits} hexadecimal digits at {@code offset}. */
    int hex(int offset, int digits) {
        int v = 0;
        for (int i = offset; i < offset + digits; i++) {
            int d = Character.digit(text.charAt(i), 16);
            if (d < 0) {
                throw malformed(offset, "not hexadecimal");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    String substring(int from, int to) {
        return text.substring(from, to);
    }

    boolean regionEquals(int offset, String s) {
        return text.startsWith(s, offset);
    }

    /** The fields of a row, which must have exactly {@code columns}. */
    String[] fields(int row, int columns) {
        int start = rowStarts[row];
        int end = text.indexOf('\n', start);
        if (end < 0) {
            end = text.length();
        }
        String[] f = new String[columns];
        for (int i = 0; i < columns - 1; i++) {
            int tab = text.indexOf('\t', start, end);
            if (tab < 0) {
                throw malformed(rowStarts[row], "expected " + columns + " fields");
            }
            f[i] = text.substring(start, tab);
            start = tab + 1;
        }
        if (text.indexOf('\t', start, end) >= 0) {
            throw malformed(rowStarts[row], "expected " + columns + " fields");
        }
        f[columns - 1] = text.substring(start, end);
        return f;
    }

    IllegalStateException malformed(int offset, String why) {
        int lineStart = text.lastIndexOf('\n', offset) + 1;
        int lineEnd = text.indexOf('\n', offset);
        int lineNo = 1 + (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        return new IllegalStateException(name + ":" + lineNo + ": " + why + ": "
                + text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd));
    }
}
