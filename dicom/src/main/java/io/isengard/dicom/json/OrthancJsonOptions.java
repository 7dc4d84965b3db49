package io.isengard.dicom.json;

import java.util.Objects;
import java.util.Set;

/**
 * What goes into Orthanc's tag dumps and how: Orthanc's {@code DicomToJsonFlags}
 * plus its string length limit and the user dictionary.
 *
 * @param maxStringLength values whose text is longer than this many UTF-8 bytes
 *     are "TooLong" (value null); 0 for no limit
 * @param ignoreLength tags exempt from that limit ({@code ?ignore-length=})
 * @param includeBinary false to leave out OB, OW, OF and UN elements altogether
 * @param binary how included binary values are shown
 * @param includePrivateTags false to leave out odd-group tags
 * @param includeUnknownTags false to leave out tags no dictionary names
 * @param includePixelData false to leave out (7FE0,0010)
 * @param stopAfterPixelData ignore top-level elements after (7FE0,0010), as
 *     Orthanc does since 1.9.1 unless asked for the {@code whole} file
 * @param pixelDataPlaceholder show (7FE0,0010) as null when the top-level data set
 *     lacks it because it was read only up to the pixel data (Orthanc does the same)
 * @param dictionary user-declared tags, consulted before the built-in dictionary
 */
public record OrthancJsonOptions(int maxStringLength, Set<Integer> ignoreLength, boolean includeBinary,
        BinaryMode binary, boolean includePrivateTags, boolean includeUnknownTags, boolean includePixelData,
        boolean stopAfterPixelData, boolean pixelDataPlaceholder, ExtraDictionary dictionary) {

    /** Orthanc's default limit for string values. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 256;

    /** How binary values (OB, OW, OF, UN) are shown when included. */
    public enum BinaryMode {
        /** {@code null} (Type "Null"): Orthanc's default. */
        NULL,
        /** {@code data:application/octet-stream;base64,...} (Type "Binary"). */
        DATA_URI,
        /** The printable ASCII characters of the value, others dropped (Type "Binary"). */
        ASCII
    }

    /** {@code /instances/{id}/tags} and the other tag dumps: Orthanc's default flags. */
    public static final OrthancJsonOptions TAGS = new OrthancJsonOptions(DEFAULT_MAX_STRING_LENGTH, Set.of(), true,
            BinaryMode.NULL, true, true, true, true, false, ExtraDictionary.NONE);

    /** {@code /instances/{id}/header}: no binary, private or unknown tags, no length limit. */
    public static final OrthancJsonOptions HEADER = new OrthancJsonOptions(0, Set.of(), false, BinaryMode.NULL,
            false, false, false, false, false, ExtraDictionary.NONE);

    public OrthancJsonOptions {
        if (maxStringLength < 0) {
            throw new IllegalArgumentException("maxStringLength must be >= 0 (0 = no limit)");
        }
        ignoreLength = Set.copyOf(ignoreLength);
        Objects.requireNonNull(binary, "binary");
        dictionary = dictionary == null ? ExtraDictionary.NONE : dictionary;
    }

    public OrthancJsonOptions withMaxStringLength(int max) {
        return new OrthancJsonOptions(max, ignoreLength, includeBinary, binary, includePrivateTags,
                includeUnknownTags, includePixelData, stopAfterPixelData, pixelDataPlaceholder, dictionary);
    }

    public OrthancJsonOptions withIgnoreLength(Set<Integer> tags) {
        return new OrthancJsonOptions(maxStringLength, tags, includeBinary, binary, includePrivateTags,
                includeUnknownTags, includePixelData, stopAfterPixelData, pixelDataPlaceholder, dictionary);
    }

    public OrthancJsonOptions withBinary(BinaryMode mode) {
        return new OrthancJsonOptions(maxStringLength, ignoreLength, true, mode, includePrivateTags,
                includeUnknownTags, includePixelData, stopAfterPixelData, pixelDataPlaceholder, dictionary);
    }

    public OrthancJsonOptions withStopAfterPixelData(boolean stop) {
        return new OrthancJsonOptions(maxStringLength, ignoreLength, includeBinary, binary, includePrivateTags,
                includeUnknownTags, includePixelData, stop, pixelDataPlaceholder, dictionary);
    }

    public OrthancJsonOptions withPixelDataPlaceholder(boolean placeholder) {
        return new OrthancJsonOptions(maxStringLength, ignoreLength, includeBinary, binary, includePrivateTags,
                includeUnknownTags, includePixelData, stopAfterPixelData, placeholder, dictionary);
    }

    public OrthancJsonOptions withDictionary(ExtraDictionary extra) {
        return new OrthancJsonOptions(maxStringLength, ignoreLength, includeBinary, binary, includePrivateTags,
                includeUnknownTags, includePixelData, stopAfterPixelData, pixelDataPlaceholder, extra);
    }

    /** True if a value of {@code utf8Length} bytes of {@code tag} is too long to show. */
    boolean tooLong(int tag, long utf8Length) {
        return maxStringLength > 0 && utf8Length > maxStringLength && !ignoreLength.contains(tag);
    }
}
