package io.isengard.dicom.charset;

import io.isengard.dicom.VR;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes values with ISO 2022 code extensions (PS3.5 §6.1.2.5). Each
 * character goes to the first set that has it, trying the sets already
 * designated (no escape needed), then the initial G1 set, then the declared
 * terms in order; an escape sequence is written only when the set changes.
 * Before every delimiter and at the end of the value the initial sets are
 * designated again, as §6.1.2.5.3 requires, so that each value, component and
 * line decodes on its own. Characters no declared set has become '?'.
 *
 * <p>ASCII characters, space included, are always written in the initial G0
 * set: some readers do not take 0x20 as a space while G0 holds JIS X 0208.
 */
final class Iso2022Encoder {
    private final CodeElement initialG0;
    private final CodeElement initialG1;
    private final CodeElement[] candidates;

    /**
     * @param initialG0 the single-byte G0 set of value 1
     * @param initialG1 the G1 set of value 1, or null
     * @param declared the sets of all the declared terms, in order
     */
    Iso2022Encoder(CodeElement initialG0, CodeElement initialG1, List<CodeElement> declared) {
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.candidates = declared.stream()
                .filter(e -> e != null && !e.isAsciiLike())
                .distinct()
                .sorted((a, b) -> Boolean.compare(a != initialG1, b != initialG1))
                .toArray(CodeElement[]::new);
    }

    byte[] encode(String text, VR vr) {
        Out out = new Out(text.length() + 16);
        CodeElement g0 = initialG0;
        CodeElement g1 = initialG1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80 && Delimiters.resets(cp, vr)) {
                g0 = restoreG0(out, g0);
                g1 = restoreG1(out, g1);
                out.write(cp);
                continue;
            }
            CodeElement e = cp < 0x80 ? initialG0 : choose(cp, g0, g1);
            int code = e == null ? -1 : e.encode(cp);
            if (code < 0) {
                e = initialG0;
                // A stray ESC would be read back as an escape sequence.
                code = cp < 0x80 && cp != Delimiters.ESC ? cp : '?';
            }
            if (e.isG1()) {
                if (e != g1) {
                    out.write(e.escape());
                    g1 = e;
                }
            } else if (e != g0 && !(e.isAsciiLike() && g0.isAsciiLike())) {
                out.write(e.escape());
                g0 = e;
            }
            if (e.isMultiByte()) {
                out.write(code >> 8);
            }
            out.write(code & 0xFF);
        }
        restoreG0(out, g0);
        restoreG1(out, g1);
        return out.toByteArray();
    }

    private CodeElement choose(int cp, CodeElement g0, CodeElement g1) {
        if (g1 != null && g1.encode(cp) >= 0) {
            return g1;
        }
        if (g0.isMultiByte() && g0.encode(cp) >= 0) {
            return g0;
        }
        for (CodeElement e : candidates) {
            if (e.encode(cp) >= 0) {
                return e;
            }
        }
        return null;
    }

    private CodeElement restoreG0(Out out, CodeElement g0) {
        if (g0 != initialG0) {
            out.write(initialG0.escape());
        }
        return initialG0;
    }

    /**
     * Designates the initial G1 set again; when value 1 has none there is no
     * escape for "nothing", and none is needed: readers drop G1 at the delimiter.
     */
    private CodeElement restoreG1(Out out, CodeElement g1) {
        if (g1 != initialG1 && initialG1 != null) {
            out.write(initialG1.escape());
        }
        return initialG1;
    }

    /** A growable byte array without ByteArrayOutputStream's locking. */
    private static final class Out {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void write(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[size++] = (byte) b;
        }

        void write(byte[] bytes) {
            for (byte b : bytes) {
                write(b);
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
