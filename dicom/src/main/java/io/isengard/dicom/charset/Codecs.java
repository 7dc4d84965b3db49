package io.isengard.dicom.charset;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the codec for the values of (0008,0005). Never fails: what it cannot
 * use it logs once and reads as the default repertoire.
 */
final class Codecs {
    private static final Logger log = LoggerFactory.getLogger(SpecificCharacterSet.class);

    /**
     * The default repertoire. DCMTK treats it (and ISO_IR 6) as ASCII; bytes
     * above 0x7F are not allowed there but are common, and we read them as
     * Latin-1 as Orthanc does with its default DefaultEncoding (Latin1), so
     * names written by old modalities survive. Encoding stays strictly ASCII.
     */
    static final TextCodec DEFAULT = new CharsetCodec(StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII);

    private static final int MAX_WARNINGS = 256;
    private static final Set<String> warned = ConcurrentHashMap.newKeySet();

    private Codecs() {}

    static TextCodec forTerms(List<String> terms) {
        List<DefinedTerm> resolved = new ArrayList<>(terms.size());
        for (String t : terms) {
            resolved.add(resolve(t)); // null stands for the default repertoire
        }
        DefinedTerm first = resolved.isEmpty() ? null : resolved.get(0);
        if (first != null && first.isUnicodeLike()) {
            if (resolved.size() > 1) {
                warnOnce(String.join("\\", terms), "Specific Character Set '{}': {} cannot be combined"
                        + " with code extensions; the other values are ignored", first.term());
            }
            return charsetCodec(first.charsetName(), first.charsetName());
        }
        if (resolved.size() <= 1 && (first == null || !first.hasCodeExtensions())) {
            if (first == null || first.charsetName() == null) {
                return DEFAULT;
            }
            return first == DefinedTerm.ISO_IR_13
                    ? charsetCodec(first.charsetName(), "JIS_X0201")
                    : charsetCodec(first.charsetName(), first.charsetName());
        }
        // Several values, or one ISO 2022 term. Single-byte ISO_IR terms among
        // several values are read as their ISO 2022 forms: same sets, same escapes.
        List<CodeElement> declared = new ArrayList<>();
        for (int i = 0; i < resolved.size(); i++) {
            DefinedTerm t = resolved.get(i);
            if (t == null) {
                declared.add(CodeElement.ASCII);
            } else if (t.isUnicodeLike()) {
                warnOnce(String.join("\\", terms), "Specific Character Set '{}': {} cannot be used as"
                        + " a code extension; ignored", t.term());
            } else {
                declared.add(t.g0());
                declared.add(t.g1());
            }
        }
        // JIS X 0208 and JIS X 0212 are never the initial G0: delimiters must stay readable.
        CodeElement g0 = first == null || first.g0().isMultiByte() ? CodeElement.ASCII : first.g0();
        CodeElement g1 = first == null ? null : first.g1();
        return new Iso2022Codec(g0, g1, declared);
    }

    /** The term, or null (default repertoire) for an empty or unknown one. */
    private static DefinedTerm resolve(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            return null;
        }
        DefinedTerm t = DefinedTerm.exact(s);
        if (t != null) {
            return t;
        }
        t = DefinedTerm.loosely(s);
        if (t != null) {
            warnOnce(s, "Specific Character Set '{}' is not a defined term; read as '{}'", t.term());
            return t;
        }
        warnOnce(s, "Unknown Specific Character Set '{}'; read as the default repertoire (ASCII, Latin-1 above 0x7F)");
        return null;
    }

    private static TextCodec charsetCodec(String decodeAs, String encodeAs) {
        try {
            return new CharsetCodec(Charset.forName(decodeAs), Charset.forName(encodeAs));
        } catch (IllegalArgumentException e) {
            warnOnce(decodeAs, "Charset {} is not available in this Java runtime; read as the default repertoire");
            return DEFAULT;
        }
    }

    /** Logs {@code message} (whose first argument is {@code key}) the first time {@code key} is seen. */
    private static void warnOnce(String key, String message, Object... more) {
        if (warned.size() < MAX_WARNINGS && warned.add(message + '|' + key)) {
            Object[] args = new Object[more.length + 1];
            args[0] = key;
            System.arraycopy(more, 0, args, 1, more.length);
            log.warn(message, args);
        }
    }
}
