package io.isengard.server.differential;

import static io.isengard.server.differential.Difference.Type.ONLY_IN_ISENGARD;
import static io.isengard.server.differential.Difference.Type.VALUE;
import static io.isengard.server.differential.KnownDifference.deliberate;
import static io.isengard.server.differential.KnownDifference.since;
import static io.isengard.server.differential.KnownDifference.volatileValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of expected differences between the reference Orthanc and
 * Isengard, per kind of answer, each with its reason (spec section). Arrays
 * whose order clients never rely on are not listed here: the comparisons
 * declare them unordered (see {@link #RESOURCE_ARRAYS}).
 */
final class KnownDifferences {
    private KnownDifferences() {}

    /**
     * Isengard bugs found by the differential tests and not fixed yet. A
     * difference matching one of these prints loudly and fails only with env
     * ISENGARD_STRICT_DIFF=true. The lead empties this list.
     */
    static final List<KnownDifference> KNOWN_BUGS_TO_FIX = List.of();

    /**
     * Samples whose resources get other Orthanc IDs in Isengard because of a
     * bug (sample → reason): every difference naming one of the IDs that
     * differ is that bug (see SampleDifferentialTest). Empty: keep it so.
     */
    static final Map<String, String> KNOWN_BUG_SAMPLES = Map.of();

    /**
     * Orthanc behaviours Isengard does not reproduce on purpose (decided in
     * the dicom module: see its json.OrthancDifferentialTest), whatever the
     * route; checked for every comparison.
     */
    static final List<KnownDifference> NOT_FOLLOWED = List.of(
            deliberate("/**", "JIS X 0201 (ISO_IR 13): Orthanc decodes byte 0x5C as a yen sign in every string, "
                    + "delimiters included (\"ORIGINAL¥PRIMARY\", \"ISO 2022 IR 13¥ISO 2022 IR 87\"); Isengard "
                    + "follows PS3.5 (Encodings/ISO_IR13.dcm, DavidClunie/SCSH32)", VALUE)
                    .when("Orthanc's value is Isengard's with ¥ for \\", KnownDifferences::isYenFor),
            deliberate("/**", "ISO 2022 IR 87 (Kanji): Orthanc 1.10.1 leaves the JIS X 0208 part undecoded "
                    + "(\"ﾔﾏﾀﾞ^ﾀﾛｳ=;3ED^B@O:=$d$^...\"), Isengard switches character sets on the escape "
                    + "sequences (\"ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう\", DavidClunie/SCSH32)", VALUE)
                    .when("only Isengard's value has CJK characters", KnownDifferences::isDecodedCjk),
            deliberate("/Body/0028,1101|0028,1102|0028,1103|RedPaletteColorLookupTableDescriptor"
                    + "|GreenPaletteColorLookupTableDescriptor|BluePaletteColorLookupTableDescriptor/**",
                    "palette descriptors (0028,1101-1103) of an implicit VR file: the dictionary says 'US or SS', "
                    + "which DCMTK leaves unresolved (Orthanc: Type Null, null); Isengard reads US \"256\\0\\16\" "
                    + "(Implicit-vr-us-palette.dcm)", VALUE)
                    .when("Orthanc has null", d -> d.reference() != null
                            && (d.reference().isNull() || "Null".equals(d.reference().asText()))));


    static boolean isDecodedCjk(Difference d) {
        return d.reference() != null && d.isengard() != null && d.reference().isTextual() && d.isengard().isTextual()
                && d.isengard().asText().chars().anyMatch(c -> c >= 0x3040 && c <= 0x9FFF)
                && d.reference().asText().chars().noneMatch(c -> c >= 0x3040 && c <= 0x9FFF);
    }

    static boolean isYenFor(Difference d) {
        return d.reference() != null && d.isengard() != null && d.reference().isTextual() && d.isengard().isTextual()
                && d.reference().asText().indexOf('¥') >= 0
                && d.reference().asText().replace('¥', '\\').equals(d.isengard().asText());
    }

    /** Headers of every answer. */
    static final List<KnownDifference> HEADERS = List.of(
            since("1.12.2", "/Headers/X-Content-Type-Options",
                    "1.12.2+ sends X-Content-Type-Options: nosniff on every answer (rest-core.md §1)",
                    ONLY_IN_ISENGARD));

    /** Error answers (JSON bodies of rest-core.md §2). */
    static final List<KnownDifference> ERRORS = concat(HEADERS, List.of(
            since("1.12.2", "/Headers/Content-Type",
                    "1.12.2+ sends error bodies as text/plain, 1.10 without Content-Type (rest-core.md §2)",
                    ONLY_IN_ISENGARD).whereIsengardSays("text/plain"),
            deliberate("/Body/Details",
                    "Details may be more informative in Isengard (brief); Orthanc's Details are never dropped",
                    ONLY_IN_ISENGARD, VALUE)));

    /** Answers with an empty body, errors included (rest-core.md §1). */
    static final List<KnownDifference> EMPTY_ANSWERS = concat(ERRORS, List.of(
            since("1.12.2", "/Headers/Content-Type",
                    "1.12.2+ sends no Content-Type without a body, 1.10 a text one (rest-core.md §1)",
                    Difference.Type.ONLY_IN_REFERENCE)));

    /** The resource JSON of resources.md §6, alone or in lists. */
    static final List<KnownDifference> RESOURCES = concat(HEADERS, List.of(
            since("1.12.0", "**/Labels", "labels are 1.12.0+ (resources.md §6)", ONLY_IN_ISENGARD),
            since("1.12.8", "**/IsProtected", "IsProtected in patient JSON is 1.12.8+ (resources.md §6)",
                    ONLY_IN_ISENGARD),
            volatileValue("**/LastUpdate", KnownDifference.TIMESTAMP, "time of the last change of the resource"),
            volatileValue("**/FileUuid", KnownDifference.UUID, "UUID of the stored file, random"),
            mainTag1125("TimezoneOffsetFromUTC", "0008,0201"),
            mainTag1125("PerformedProcedureStepStartDate", "0040,0244"),
            mainTag1125("PerformedProcedureStepStartTime", "0040,0245"),
            mainTag1125("RequestAttributesSequence", "0040,0275")));

    /** Children arrays (and lists of IDs) are compared as sets: 1.10 uses creation order, 1.12.5+ sorts by ID. */
    static final JsonDiff RESOURCE_ARRAYS = JsonDiff.ordered()
            .unordered("**/Studies")
            .unordered("**/Series")
            .unordered("**/Instances");

    /** /changes pages (rest-core.md §5). */
    static final List<KnownDifference> CHANGES = concat(HEADERS, List.of(
            volatileValue("/Body/Changes/*/Date", KnownDifference.TIMESTAMP, "time of the change"),
            since("1.12.5", "/Body/First", "First is 1.12.5+ (extended changes, rest-core.md §5)",
                    ONLY_IN_ISENGARD)));

    /** Tag dumps of an instance (resources.md §11). */
    static final List<KnownDifference> TAGS = HEADERS;

    /** GET /system (rest-core.md §8). */
    static final List<KnownDifference> SYSTEM = concat(HEADERS, List.of(
            deliberate("/Body/Isengard", "Isengard reports its own version besides Orthanc's", ONLY_IN_ISENGARD),
            since("1.12.0", "/Body/Version", "Isengard reports the Orthanc release whose API it follows", VALUE),
            since("1.12.0", "/Body/ApiVersion", "the API level of the release Isengard follows (rest-core.md §0)",
                    VALUE),
            systemKey("Capabilities", "1.12.5"),
            systemKey("DatabaseServerIdentifier", "1.11.1"),
            systemKey("DicomDefaultRetrieveMethod", "1.12.6"),
            systemKey("HasLabels", "1.12.0"),
            systemKey("IngestTranscoding", "1.11.0"),
            systemKey("MainDicomTags", "1.11.0"),
            systemKey("MaximumPatientCount", "1.12.4"),
            systemKey("MaximumStorageMode", "1.11.3"),
            systemKey("MaximumStorageSize", "1.11.3"),
            systemKey("OverwriteInstances", "1.11.0"),
            systemKey("PatientLevelEnabled", "1.12.11"),
            systemKey("ReadOnly", "1.12.5"),
            systemKey("StorageCompression", "1.11.0"),
            systemKey("UserMetadata", "1.12.0")));

    private static KnownDifference systemKey(String key, String version) {
        return since(version, "/Body/" + key, "/system has " + key + " since " + version + " (rest-core.md §8)",
                ONLY_IN_ISENGARD);
    }

    private static KnownDifference mainTag1125(String name, String tag) {
        return since("1.12.5", "**/MainDicomTags/" + name + "|" + tag,
                name + " (" + tag + ") is a main DICOM tag since 1.12.5 (resources.md §5)", ONLY_IN_ISENGARD);
    }

    @SafeVarargs
    static List<KnownDifference> concat(List<KnownDifference>... lists) {
        List<KnownDifference> all = new ArrayList<>();
        for (List<KnownDifference> l : lists) {
            all.addAll(l);
        }
        return List.copyOf(all);
    }
}
