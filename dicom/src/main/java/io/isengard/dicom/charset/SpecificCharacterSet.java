package io.isengard.dicom.charset;

import io.isengard.dicom.VR;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The character repertoires named by Specific Character Set (0008,0005),
 * PS3.3 C.12.1.1.2 and PS3.5 §6.1: decodes text values to Unicode and encodes
 * them back.
 *
 * <p>Supported: the default repertoire; ISO_IR 100, 101, 109, 110, 144, 127,
 * 126, 138, 148, 203, 13, 166; their ISO 2022 forms and ISO 2022 IR 6; ISO 2022
 * IR 87, 159, 149 and 58 as code extensions; ISO_IR 192 (UTF-8), GB18030 and
 * GBK. Instances are immutable and shared between threads.
 *
 * <p>Decoding never fails: bytes without a mapping become U+FFFD, unknown
 * terms are logged once and read as the default repertoire. Encoding never
 * fails either: characters that none of the declared sets holds become '?'.
 */
public final class SpecificCharacterSet {
    /**
     * The default repertoire (ISO_IR 6, ASCII) used when (0008,0005) is absent.
     * Bytes above 0x7F are read as Latin-1, as Orthanc does with its default
     * DefaultEncoding; DCMTK's ASCII would not convert them at all. Text is
     * written as ASCII.
     */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of(), Codecs.DEFAULT);

    /** Enough for every combination an archive sees; more is not cached, so odd input cannot grow it. */
    private static final int MAX_CACHED = 256;
    private static final ConcurrentHashMap<String, SpecificCharacterSet> cache = new ConcurrentHashMap<>();

    private final List<String> terms;
    private final TextCodec codec;

    private SpecificCharacterSet(List<String> terms, TextCodec codec) {
        this.terms = terms;
        this.codec = codec;
    }

    /**
     * The character set for the values of (0008,0005), in order; empty values
     * stand for the default repertoire. Unknown terms are logged and treated as
     * the default repertoire.
     */
    public static SpecificCharacterSet of(String... definedTerms) {
        if (definedTerms == null || definedTerms.length == 0) {
            return DEFAULT;
        }
        String key = cacheKey(definedTerms);
        SpecificCharacterSet cs = cache.get(key);
        if (cs == null) {
            String[] copy = definedTerms.clone();
            for (int i = 0; i < copy.length; i++) {
                copy[i] = Objects.requireNonNullElse(copy[i], "");
            }
            List<String> terms = Collections.unmodifiableList(Arrays.asList(copy));
            cs = new SpecificCharacterSet(terms, Codecs.forTerms(terms));
            if (cache.size() < MAX_CACHED) {
                SpecificCharacterSet raced = cache.putIfAbsent(key, cs);
                cs = raced == null ? cs : raced;
            }
        }
        return cs;
    }

    private static String cacheKey(String[] terms) {
        if (terms.length == 1 && terms[0] != null) {
            return terms[0];
        }
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < terms.length; i++) {
            sb.append(i == 0 ? "" : "\\").append(terms[i] == null ? "" : terms[i]);
        }
        return sb.toString();
    }

    /** The defined terms this character set was made from. */
    public List<String> definedTerms() {
        return terms;
    }

    /**
     * Decodes a value of the given VR. With code extensions, the initial sets
     * come back at each delimiter: '^', '=' and '\' in PN, '\' in the other
     * string VRs, and control characters (CR, LF, FF, TAB...) everywhere.
     */
    public String decode(byte[] bytes, int offset, int length, VR vr) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return codec.decode(bytes, offset, length, vr);
    }

    /**
     * Encodes a value of the given VR, inserting escape sequences where code
     * extensions need them and designating the initial sets again before each
     * delimiter and at the end. Characters that no declared set holds become '?'.
     */
    public byte[] encode(String text, VR vr) {
        return codec.encode(text, vr);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet s && s.terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    @Override
    public String toString() {
        return "SpecificCharacterSet[" + String.join("\\", terms) + "]";
    }
}
