package io.isengard.server.ingest;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The main DICOM tags of each level (resources.md §5): Orthanc 1.12.5+
 * defaults plus the configuration's ExtraMainDicomTags. Fixed at startup.
 */
public final class MainDicomTags {
    static final int[] PATIENT = {0x00100010, 0x00100020, 0x00100030, 0x00100040, 0x00101000};
    static final int[] STUDY = {0x00080020, 0x00080030, 0x00080050, 0x00080080, 0x00080090, 0x00080201,
        0x00081030, 0x0020000D, 0x00200010, 0x00321032, 0x00321060};
    static final int[] SERIES = {0x00080021, 0x00080031, 0x00080060, 0x00080070, 0x00080201, 0x00081010,
        0x0008103E, 0x00081070, 0x00180010, 0x00180015, 0x00180024, 0x00181030, 0x00181090, 0x00181400,
        0x0020000E, 0x00200011, 0x00200037, 0x00200105, 0x00201002, 0x00400244, 0x00400245, 0x00400254,
        0x00400275, 0x00540081, 0x00540101, 0x00541000};
    static final int[] INSTANCE = {0x00080012, 0x00080013, 0x00080018, 0x00200012, 0x00200013, 0x00200032,
        0x00200037, 0x00200100, 0x00204000, 0x00280008, 0x00541330};

    /** Identifier tags, stored normalised for lookups (resources.md §5). */
    static final Map<ResourceType, int[]> IDENTIFIERS = Map.of(
            ResourceType.PATIENT, new int[] {0x00100020, 0x00100010, 0x00100030},
            ResourceType.STUDY, new int[] {0x00100020, 0x00100010, 0x00100030, 0x0020000D, 0x00080050, 0x00081030,
                0x00080020},
            ResourceType.SERIES, new int[] {0x0020000E},
            ResourceType.INSTANCE, new int[] {0x00080018});

    private final Map<ResourceType, List<Integer>> tags = new EnumMap<>(ResourceType.class);
    // Written at every new resource: computed once.
    private final Map<ResourceType, String> signatures = new EnumMap<>(ResourceType.class);

    /** The defaults. */
    public MainDicomTags() {
        this(Map.of());
    }

    /** The defaults plus extra tags per level (already resolved to numbers). */
    public MainDicomTags(Map<ResourceType, List<Integer>> extra) {
        put(ResourceType.PATIENT, PATIENT, extra);
        put(ResourceType.STUDY, STUDY, extra);
        put(ResourceType.SERIES, SERIES, extra);
        put(ResourceType.INSTANCE, INSTANCE, extra);
    }

    private void put(ResourceType level, int[] defaults, Map<ResourceType, List<Integer>> extra) {
        List<Integer> l = new ArrayList<>();
        for (int t : defaults) {
            l.add(t);
        }
        for (int t : extra.getOrDefault(level, List.of())) {
            if (l.contains(t)) {
                throw new OrthancException(ErrorCode.MainDicomTagsMultiplyDefined,
                        String.format("tag %04x,%04x is declared twice at the %s level", t >>> 16, t & 0xFFFF,
                                level.label()));
            }
            l.add(t);
        }
        tags.put(level, Collections.unmodifiableList(l));
        signatures.put(level, new TreeSet<>(l).stream()
                .map(t -> String.format("%04x,%04x", t >>> 16, t & 0xFFFF))
                .sorted()
                .collect(Collectors.joining(";")));
    }

    /** The main tags of a level, in declaration order. */
    public List<Integer> of(ResourceType level) {
        return tags.get(level);
    }

    /** The identifier tags of a level. */
    public int[] identifiers(ResourceType level) {
        return IDENTIFIERS.get(level);
    }

    /** Patient tags, which studies store a copy of (exposed as PatientMainDicomTags). */
    public List<Integer> patientTags() {
        return tags.get(ResourceType.PATIENT);
    }

    /** Orthanc's signature of a level: tags as gggg,eeee, sorted, joined by ';'. */
    public String signature(ResourceType level) {
        return signatures.get(level);
    }
}
