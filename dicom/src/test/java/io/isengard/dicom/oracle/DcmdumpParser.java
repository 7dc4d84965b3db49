package io.isengard.dicom.oracle;

import io.isengard.dicom.oracle.Dump.Entry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the output of {@code dcmdump +L -Un +Qn} (complete values, UIDs not
 * replaced by names, non-ASCII and markup characters quoted, so that every
 * element is exactly one line of ASCII). Anything it does not recognise is an
 * error: a silently skipped line would hide an element from the comparison.
 */
final class DcmdumpParser {
    /**
     * Indent, tag, VR, value, then dcmdump's trailer {@code # length, VM name}.
     * The name never contains '#', so the trailer starts at the last '#' even
     * if the value has one.
     */
    private static final Pattern LINE = Pattern.compile(
            "^( *)\\(([0-9a-f]{4},[0-9a-f]{4})\\) (\\S\\S) (.*?) *# *(\\d+|u/l), *(\\d+) ([^#]*)$");
    /** DICOMDIR listings note each directory record's offset (and file) after its item line. */
    private static final Pattern OFFSET_NOTE = Pattern.compile("^ *# +offset=\\$\\d+( .*)?$");

    private DcmdumpParser() {}

    /** A sequence (or pixel sequence) being listed: its key, and the key of its current item. */
    private static final class Frame {
        final String key;
        int items;
        String itemKey;

        Frame(String key) {
            this.key = key;
        }
    }

    static Dump parse(String output) {
        List<Entry> meta = new ArrayList<>();
        List<Entry> dataSet = new ArrayList<>();
        List<Entry> target = dataSet;
        String metaSyntax = null;
        String dataSetSyntax = null;
        Deque<Frame> open = new ArrayDeque<>();
        int lineNumber = 0;
        for (String line : output.lines().toList()) {
            lineNumber++;
            if (line.isEmpty() || line.equals("# Dicom-File-Format") || OFFSET_NOTE.matcher(line).matches()) {
                continue;
            }
            if (line.equals("# Dicom-Meta-Information-Header")) {
                target = meta;
                continue;
            }
            if (line.equals("# Dicom-Data-Set")) {
                target = dataSet;
                continue;
            }
            if (line.startsWith("# Used TransferSyntax: ")) {
                String name = line.substring("# Used TransferSyntax: ".length());
                if (target == meta) {
                    metaSyntax = name;
                } else {
                    dataSetSyntax = name;
                }
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("dcmdump line " + lineNumber + " not understood: " + line);
            }
            int indent = m.group(1).length();
            String tag = "(" + m.group(2) + ")";
            String vr = m.group(3);
            String value = m.group(4);
            String length = m.group(5);
            switch (tag) {
                case "(fffe,e000)" -> {
                    Frame f = open.peek();
                    checkIndent(indent, 4 * open.size() - 2, lineNumber, line);
                    f.itemKey = f.key + "[" + f.items++ + "]";
                    target.add(new Entry(f.itemKey, vr, length, value));
                }
                case "(fffe,e00d)" -> checkIndent(indent, 4 * open.size() - 2, lineNumber, line);
                case "(fffe,e0dd)" -> {
                    if (open.isEmpty()) {
                        throw new IllegalArgumentException("dcmdump line " + lineNumber + ": delimiter outside a sequence");
                    }
                    open.pop();
                    checkIndent(indent, 4 * open.size(), lineNumber, line);
                }
                default -> {
                    checkIndent(indent, 4 * open.size(), lineNumber, line);
                    String key = open.isEmpty() ? tag : open.peek().itemKey + "." + tag;
                    target.add(new Entry(key, vr, length, value));
                    if (vr.equals("SQ") || value.startsWith("(PixelSequence ")) {
                        open.push(new Frame(key));
                    }
                }
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("dcmdump output ends inside sequence " + open.peek().key);
        }
        return new Dump(meta, dataSet, metaSyntax, dataSetSyntax);
    }

    private static void checkIndent(int indent, int expected, int lineNumber, String line) {
        if (indent != expected) {
            throw new IllegalArgumentException("dcmdump line " + lineNumber + " is indented " + indent
                    + " where " + expected + " was expected: " + line);
        }
    }
}
