package io.isengard.server.resources;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.dictionary.DictionaryEntry;
import io.isengard.dicom.dictionary.ElementDictionary;
import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.ingest.MainDicomTags;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Resolves "requested tags" for a resource (resources.md §8): main tags of the
 * resource and its ancestors from the index, then computed tags, then the
 * rest from one instance's file (unless StorageAccessOnFind is Never).
 */
public final class RequestedTags {
    /** Values found: strings from the index or computed, and a data set with what came from a file. */
    public record Values(Map<Integer, String> strings, DataSet fromFile) {}

    private static final int NUMBER_OF_PATIENT_RELATED_STUDIES = 0x00201200;
    private static final int NUMBER_OF_PATIENT_RELATED_SERIES = 0x00201202;
    private static final int NUMBER_OF_PATIENT_RELATED_INSTANCES = 0x00201204;
    private static final int MODALITIES_IN_STUDY = 0x00080061;
    private static final int SOP_CLASSES_IN_STUDY = 0x00080062;
    private static final int NUMBER_OF_STUDY_RELATED_SERIES = 0x00201206;
    private static final int NUMBER_OF_STUDY_RELATED_INSTANCES = 0x00201208;
    private static final int NUMBER_OF_SERIES_RELATED_INSTANCES = 0x00201209;
    private static final int INSTANCE_AVAILABILITY = 0x00080056;
    private static final int MODALITY = 0x00080060;

    private final Index index;
    private final MainDicomTags mainTags;
    private final InstanceFiles files;
    private final boolean readFiles;

    public RequestedTags(Index index, MainDicomTags mainTags, InstanceFiles files, boolean readFiles) {
        this.index = index;
        this.mainTags = mainTags;
        this.files = files;
        this.readFiles = readFiles;
    }

    /** Parses {@code 0010,0010;PatientBirthDate}; a tag that is neither → 400. */
    public static List<Integer> parse(String text) {
        List<Integer> tags = new ArrayList<>();
        for (String part : text.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            long t = Tag.parse(p);
            if (t < 0) {
                DictionaryEntry e = ElementDictionary.lookup(p);
                if (e == null) {
                    throw new OrthancException(ErrorCode.BadRequest, "Invalid requestedTags argument: unknown tag " + p);
                }
                t = Integer.toUnsignedLong(e.tag());
            }
            tags.add((int) t);
        }
        return tags;
    }

    public Values resolve(ResourceRef resource, List<Integer> requested) throws IOException {
        return resolveAll(List.of(resource), requested).get(0);
    }

    /**
     * The values of several resources (C-FIND answers, expanded lists): what
     * the index knows in one read transaction for all of them, then the files
     * of those that need one.
     */
    public List<Values> resolveAll(List<ResourceRef> resources, List<Integer> requested) throws IOException {
        List<Map<Integer, String>> strings = new ArrayList<>(resources.size());
        List<List<Integer>> missing = new ArrayList<>(resources.size());
        index.read(tx -> {
            for (ResourceRef resource : resources) {
                Map<Integer, String> found = new LinkedHashMap<>();
                List<Integer> notFound = new ArrayList<>();
                fromIndex(tx, resource, requested, found, notFound);
                strings.add(found);
                missing.add(notFound);
            }
            return null;
        });
        List<Values> values = new ArrayList<>(resources.size());
        for (int i = 0; i < resources.size(); i++) {
            values.add(new Values(strings.get(i), fromFile(resources.get(i), missing.get(i))));
        }
        return values;
    }

    private void fromIndex(IndexTransaction tx, ResourceRef resource, List<Integer> requested,
            Map<Integer, String> strings, List<Integer> missing) {
        Map<Integer, String> known = new LinkedHashMap<>();
        for (ResourceRef r = resource; r != null; r = r.parentId() == 0 ? null : tx.lookup(r.parentId())) {
            tx.mainDicomTags(r.internalId()).forEach(known::putIfAbsent);
        }
        for (int tag : requested) {
            String computed = computed(tx, resource, tag);
            if (computed != null) {
                strings.put(tag, computed);
            } else if (known.containsKey(tag)) {
                strings.put(tag, known.get(tag));
            } else if (!isComputedTag(tag) && !mainTagAtOrAbove(resource.type(), tag)) {
                missing.add(tag);
            }
        }
    }

    private DataSet fromFile(ResourceRef resource, List<Integer> missing) throws IOException {
        DataSet fromFile = new DataSet();
        if (!missing.isEmpty() && readFiles) {
            List<ResourceRef> instances = index.read(tx -> tx.descendants(resource.internalId(), ResourceType.INSTANCE));
            if (!instances.isEmpty()) {
                DataSet ds = files.parse(instances.get(0), true).dataSet();
                fromFile = new DataSet(ds);
                for (int tag : missing) {
                    if (ds.contains(tag)) {
                        fromFile.put(tag, ds.vr(tag), ds.value(tag));
                    }
                }
            }
        }
        return fromFile;
    }

    /** A main tag of this level or above: if the index lacks it, the file lacks it too. */
    private boolean mainTagAtOrAbove(ResourceType level, int tag) {
        for (ResourceType t = level; t != null; t = t.parent()) {
            if (mainTags.of(t).contains(tag)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isComputedTag(int tag) {
        return switch (tag) {
            case NUMBER_OF_PATIENT_RELATED_STUDIES, NUMBER_OF_PATIENT_RELATED_SERIES,
                    NUMBER_OF_PATIENT_RELATED_INSTANCES, MODALITIES_IN_STUDY, SOP_CLASSES_IN_STUDY,
                    NUMBER_OF_STUDY_RELATED_SERIES, NUMBER_OF_STUDY_RELATED_INSTANCES,
                    NUMBER_OF_SERIES_RELATED_INSTANCES, INSTANCE_AVAILABILITY -> true;
            default -> false;
        };
    }

    /** A computed tag at its own level, or null (computed tags are only produced at their level). */
    private static String computed(IndexTransaction tx, ResourceRef r, int tag) {
        long id = r.internalId();
        return switch (r.type()) {
            case PATIENT -> switch (tag) {
                case NUMBER_OF_PATIENT_RELATED_STUDIES -> count(tx, id, ResourceType.STUDY);
                case NUMBER_OF_PATIENT_RELATED_SERIES -> count(tx, id, ResourceType.SERIES);
                case NUMBER_OF_PATIENT_RELATED_INSTANCES -> count(tx, id, ResourceType.INSTANCE);
                default -> null;
            };
            case STUDY -> switch (tag) {
                case NUMBER_OF_STUDY_RELATED_SERIES -> count(tx, id, ResourceType.SERIES);
                case NUMBER_OF_STUDY_RELATED_INSTANCES -> count(tx, id, ResourceType.INSTANCE);
                case MODALITIES_IN_STUDY -> distinct(tx.descendantMainTag(id, ResourceType.SERIES, MODALITY));
                case SOP_CLASSES_IN_STUDY -> distinct(tx.descendantMetadata(id, ResourceType.INSTANCE,
                        MetadataType.SopClassUid.code()));
                default -> null;
            };
            case SERIES -> tag == NUMBER_OF_SERIES_RELATED_INSTANCES ? count(tx, id, ResourceType.INSTANCE) : null;
            case INSTANCE -> tag == INSTANCE_AVAILABILITY ? "ONLINE" : null;
        };
    }

    private static String count(IndexTransaction tx, long id, ResourceType level) {
        return Integer.toString(tx.descendants(id, level).size());
    }

    private static String distinct(List<String> values) {
        TreeSet<String> set = new TreeSet<>();
        values.forEach(v -> {
            if (v != null && !v.isEmpty()) {
                set.add(v);
            }
        });
        return String.join("\\", set);
    }
}
