package io.isengard.dicom.json;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A streaming JSON writer: values go straight to the {@link Appendable}, so a
 * data set of any size is written without building the document in memory.
 *
 * <p>Two layouts: compact (no whitespace) and pretty, which is the layout of
 * Orthanc's REST answers (JsonCpp's styled stream writer, three-space indent,
 * {@code "key" : value}, every array element and every non-empty container on
 * its own line), so that answers can be compared with Orthanc's byte for byte.
 *
 * <p>Strings are written as UTF-8 text (non-ASCII characters are not escaped);
 * quotes, backslashes, control characters and lone surrogates are escaped.
 * I/O errors are rethrown as {@link UncheckedIOException}.
 */
public final class JsonWriter implements Flushable, Closeable {
    private static final String INDENT = "   ";

    private enum Position { ROOT, MEMBER, ELEMENT }

    private final Appendable out;
    private final boolean pretty;

    // One frame per open container: parallel arrays keep deep sequences cheap.
    private boolean[] isObject = new boolean[16];
    private int[] count = new int[16];
    private boolean[] pendingOpen = new boolean[16];
    private Position[] position = new Position[16];
    private int depth;
    private boolean afterName;
    private boolean rootWritten;

    private JsonWriter(Appendable out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    /** A writer without whitespace. */
    public static JsonWriter compact(Appendable out) {
        return new JsonWriter(out, false);
    }

    /** A writer with Orthanc's indentation. */
    public static JsonWriter pretty(Appendable out) {
        return new JsonWriter(out, true);
    }

    /** A buffered UTF-8 writer over a stream; {@link #close()} closes the stream. */
    public static JsonWriter of(OutputStream stream, boolean pretty) {
        return new JsonWriter(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16),
                pretty);
    }

    public JsonWriter beginObject() {
        return open(true);
    }

    public JsonWriter endObject() {
        return close(true);
    }

    public JsonWriter beginArray() {
        return open(false);
    }

    public JsonWriter endArray() {
        return close(false);
    }

    /** Writes the name of the next member of the current object. */
    public JsonWriter name(String name) {
        if (depth == 0 || !isObject[depth - 1] || afterName) {
            throw new IllegalStateException("a name is only allowed inside an object, before its value");
        }
        startChild();
        if (pretty) {
            newline(depth);
        }
        string(name);
        append(pretty ? " : " : ":");
        afterName = true;
        return this;
    }

    /** Writes a string, or null. */
    public JsonWriter value(String s) {
        if (s == null) {
            return nullValue();
        }
        beforeScalar();
        string(s);
        return this;
    }

    public JsonWriter value(long v) {
        return rawValue(Long.toString(v));
    }

    public JsonWriter value(boolean v) {
        return rawValue(v ? "true" : "false");
    }

    public JsonWriter nullValue() {
        return rawValue("null");
    }

    /** Writes a member with a string value (or null). */
    public JsonWriter member(String name, String value) {
        return name(name).value(value);
    }

    /**
     * Writes pre-formatted JSON number text as is; the caller vouches that it
     * follows the JSON number grammar (see {@link JsonNumbers#isJsonNumber}).
     */
    public JsonWriter numberText(String number) {
        return rawValue(number);
    }

    private JsonWriter rawValue(String text) {
        beforeScalar();
        append(text);
        return this;
    }

    private void beforeScalar() {
        if (depth == 0) {
            beginRoot();
            return;
        }
        if (isObject[depth - 1]) {
            requireName();
            afterName = false;
            return;
        }
        startChild();
        if (pretty) {
            newline(depth);
        }
    }

    private JsonWriter open(boolean object) {
        Position pos;
        if (depth == 0) {
            beginRoot();
            pos = Position.ROOT;
        } else if (isObject[depth - 1]) {
            requireName();
            afterName = false;
            pos = Position.MEMBER;
        } else {
            startChild();
            if (pretty) {
                newline(depth);
            }
            pos = Position.ELEMENT;
        }
        push(object, pos);
        if (!pretty) {
            append(object ? "{" : "[");
            pendingOpen[depth - 1] = false;
        }
        return this;
    }

    private JsonWriter close(boolean object) {
        if (depth == 0 || isObject[depth - 1] != object || afterName) {
            throw new IllegalStateException("unbalanced " + (object ? "endObject" : "endArray"));
        }
        int d = depth - 1;
        if (pendingOpen[d]) {
            append(object ? "{}" : "[]");
        } else {
            if (pretty) {
                newline(d);
            }
            append(object ? "}" : "]");
        }
        depth--;
        return this;
    }

    /** Called before each child of the current container: writes a pending bracket, then a comma. */
    private void startChild() {
        int d = depth - 1;
        if (pendingOpen[d]) {
            if (position[d] == Position.MEMBER) {
                newline(d);
            }
            append(isObject[d] ? "{" : "[");
            pendingOpen[d] = false;
        }
        if (count[d]++ > 0) {
            append(",");
        }
    }

    private void push(boolean object, Position pos) {
        if (depth == isObject.length) {
            int n = depth * 2;
            isObject = Arrays.copyOf(isObject, n);
            count = Arrays.copyOf(count, n);
            pendingOpen = Arrays.copyOf(pendingOpen, n);
            position = Arrays.copyOf(position, n);
        }
        isObject[depth] = object;
        count[depth] = 0;
        pendingOpen[depth] = true;
        position[depth] = pos;
        depth++;
    }

    private void beginRoot() {
        if (rootWritten) {
            throw new IllegalStateException("a JSON document has a single root value");
        }
        rootWritten = true;
    }

    private void requireName() {
        if (!afterName) {
            throw new IllegalStateException("a member of an object needs a name first");
        }
    }

    private void newline(int level) {
        append("\n");
        for (int i = 0; i < level; i++) {
            append(INDENT);
        }
    }

    private void string(String s) {
        append("\"");
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape = escapeOf(s, i, c);
            if (escape != null) {
                if (i > start) {
                    append(s, start, i);
                }
                append(escape);
                start = i + 1;
            } else if (Character.isHighSurrogate(c)) {
                i++; // a valid pair: keep both halves
            }
        }
        if (start < n) {
            append(s, start, n);
        }
        append("\"");
    }

    private static String escapeOf(String s, int i, char c) {
        switch (c) {
            case '"': return "\\\"";
            case '\\': return "\\\\";
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '\b': return "\\b";
            case '\f': return "\\f";
            default:
                break;
        }
        if (c < 0x20 || c == 0x7F) {
            return unicodeEscape(c);
        }
        if (Character.isSurrogate(c)) {
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            // A lone surrogate cannot be encoded in UTF-8; the escape keeps the text lossless.
            return paired ? null : unicodeEscape(c);
        }
        return null;
    }

    private static String unicodeEscape(char c) {
        String hex = Integer.toHexString(c);
        return "\\u" + "0000".substring(hex.length()) + hex;
    }

    private void append(CharSequence s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void append(CharSequence s, int start, int end) {
        try {
            out.append(s, start, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        try {
            if (out instanceof Flushable f) {
                f.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes, and closes the target if it is closeable. */
    @Override
    public void close() {
        try {
            if (out instanceof Closeable c) {
                c.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
