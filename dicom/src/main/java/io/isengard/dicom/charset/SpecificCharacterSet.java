package io.isengard.dicom.charset;

import io.isengard.dicom.VR;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The character repertoires named by Specific Character Set (0008,0005),
 * PS3.3 C.12.1.1.2 and PS3.5 §6.1: decodes text values to Unicode and encodes
 * them back.
 *
 * <p>PLACEHOLDER: ISO_IR 6, ISO_IR 100 and ISO_IR 192 only, until the
 * character set work lands; the API is final.
 */
public final class SpecificCharacterSet {
    /** The default repertoire (ISO_IR 6, ASCII) used when (0008,0005) is absent. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of());

    private final List<String> terms;

    private SpecificCharacterSet(List<String> terms) {
        this.terms = terms;
    }

    /**
     * The character set for the values of (0008,0005), in order; empty values
     * stand for the default repertoire. Unknown terms are logged and treated as
     * the default repertoire.
     */
    public static SpecificCharacterSet of(String... definedTerms) {
        return new SpecificCharacterSet(List.of(definedTerms));
    }

    /** The defined terms this character set was made from. */
    public List<String> definedTerms() {
        return terms;
    }

    /** Decodes a value of the given VR (PN and multi-valued delimiters reset code extensions). */
    public String decode(byte[] bytes, int offset, int length, VR vr) {
        boolean utf8 = terms.contains("ISO_IR 192");
        return new String(bytes, offset, length, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /** Encodes a value of the given VR, inserting escape sequences where code extensions need them. */
    public byte[] encode(String text, VR vr) {
        boolean utf8 = terms.contains("ISO_IR 192");
        return text.getBytes(utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }
}
