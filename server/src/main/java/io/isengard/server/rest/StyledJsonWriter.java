package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON tree in jsoncpp's styled layout, the one Orthanc answers
 * with (3 spaces, {@code "key" : value}, one member or element per line,
 * empty containers as {@code []} and {@code {}}), straight into UTF-8 bytes.
 *
 * <p>Why not Jackson's generator with a pretty printer, which wrote the same
 * bytes before: it calls the printer, the generator and the node through
 * interfaces for every value and checks its write context at each, and an
 * expanded find answers a few hundred values per request; that was about a
 * tenth of the request's CPU. The output is the same byte for byte (JsonTest
 * compares the two on random trees); a tree this writer does not cover (a
 * floating-point number, a lone surrogate in a string, a POJO node) is left
 * to Jackson, see {@link #write}.
 */
final class StyledJsonWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int INDENT = 3;
    /** The most a string reserves of the output at once. */
    private static final int ROOM = 64 * 1024;

    private byte[] out;
    private int size;
    private char[] chars = new char[256];

    private StyledJsonWriter(int capacity) {
        out = new byte[capacity];
    }

    /** Thrown where the tree holds something this writer leaves to Jackson. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** The tree's bytes with a final newline, or null where it holds something left to Jackson. */
    static byte[] write(JsonNode node) {
        StyledJsonWriter w = new StyledJsonWriter(16384);
        try {
            w.value(node, 0);
        } catch (Unsupported e) {
            return null;
        }
        w.put('\n');
        return Arrays.copyOf(w.out, w.size);
    }

    private void value(JsonNode node, int depth) {
        switch (node.getNodeType()) {
            case OBJECT -> object(node, depth);
            case ARRAY -> array(node, depth);
            case STRING -> string(node.textValue());
            case BOOLEAN -> ascii(node.booleanValue() ? "true" : "false");
            case NULL -> ascii("null");
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new Unsupported(); // Jackson's own formatting of doubles, floats and decimals
                }
                ascii(node.isLong() || node.isInt() || node.isShort() ? Long.toString(node.longValue())
                        : node.bigIntegerValue().toString());
            }
            default -> throw new Unsupported();
        }
    }

    private void object(JsonNode node, int depth) {
        if (node.isEmpty()) {
            ascii("{}");
            return;
        }
        put('{');
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        boolean first = true;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!first) {
                put(',');
            }
            first = false;
            newLine(depth + 1);
            string(e.getKey());
            ascii(" : ");
            value(e.getValue(), depth + 1);
        }
        newLine(depth);
        put('}');
    }

    private void array(JsonNode node, int depth) {
        if (node.isEmpty()) {
            ascii("[]");
            return;
        }
        put('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                put(',');
            }
            newLine(depth + 1);
            value(node.get(i), depth + 1);
        }
        newLine(depth);
        put(']');
    }

    private void newLine(int depth) {
        int n = 1 + depth * INDENT;
        ensure(n);
        out[size] = '\n';
        Arrays.fill(out, size + 1, size + n, (byte) ' ');
        size += n;
    }

    /** A quoted string: '"', '\\' and control characters escaped as Jackson does, the rest as UTF-8. */
    private void string(String s) {
        int length = s.length();
        ensure(2 + Math.min(6 * length, ROOM)); // at most 6 bytes per char (an escape), 4 per surrogate pair
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        char[] cs = chars;
        s.getChars(0, length, cs, 0); // one bulk copy: charAt checks the index and the string's coder each time
        byte[] b = out;
        int p = size;
        b[p++] = '"';
        for (int i = 0; i < length; i++) {
            if (b.length - p < 7) {
                // Room for the rest (and the closing quote) a part at a time: a long text must not
                // reserve six times its length at once.
                size = p;
                ensure(1 + Math.min(6 * (length - i), ROOM));
                b = out;
            }
            char c = cs[i];
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[p++] = (byte) c;
                } else {
                    p = escape(b, p, c);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= length || !Character.isLowSurrogate(cs[i + 1])) {
                    throw new Unsupported();
                }
                int cp = Character.toCodePoint(c, cs[++i]);
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[p++] = '"';
        size = p;
    }

    private static int escape(byte[] b, int p, char c) {
        b[p++] = '\\';
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (shortForm != 0) {
            b[p++] = (byte) shortForm;
            return p;
        }
        b[p++] = 'u';
        b[p++] = '0';
        b[p++] = '0';
        b[p++] = HEX[c >> 4];
        b[p++] = HEX[c & 0xF];
        return p;
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            out[size++] = (byte) s.charAt(i);
        }
    }

    private void put(int b) {
        ensure(1);
        out[size++] = (byte) b;
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }
}
