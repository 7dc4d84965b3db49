package io.isengard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.dicom.Tag;
import io.isengard.server.ingest.MainDicomTags;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "ExtraMainDicomTags" option (resources.md §5): per level, tags added to
 * the default main DICOM tags, written as {@code gggg,eeee} or keywords.
 */
public final class ExtraMainDicomTags {
    private static final Logger LOG = LoggerFactory.getLogger(ExtraMainDicomTags.class);

    /** Tags whose values Orthanc computes from the children at request time: storing them would be wrong. */
    static final Set<Integer> COMPUTED = Set.of(
            0x00080056, // InstanceAvailability
            0x00080061, // ModalitiesInStudy
            0x00080062, // SOPClassesInStudy
            0x00201200, // NumberOfPatientRelatedStudies
            0x00201202, // NumberOfPatientRelatedSeries
            0x00201204, // NumberOfPatientRelatedInstances
            0x00201206, // NumberOfStudyRelatedSeries
            0x00201208, // NumberOfStudyRelatedInstances
            0x00201209); // NumberOfSeriesRelatedInstances

    private ExtraMainDicomTags() {}

    /** The extra tags per level, validated against the default lists; empty when the option is absent. */
    static Map<ResourceType, List<Integer>> of(OrthancConfiguration config, UserDictionary dictionary) {
        ObjectNode section = config.getObject("ExtraMainDicomTags");
        Map<ResourceType, List<Integer>> extra = new EnumMap<>(ResourceType.class);
        if (section == null) {
            return Collections.unmodifiableMap(extra);
        }
        Iterator<Map.Entry<String, JsonNode>> it = section.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ResourceType level = level(e.getKey());
            if (!e.getValue().isArray()) {
                throw new OrthancException(ErrorCode.BadFileFormat, "The definition of the '" + e.getKey()
                        + "' ExtraMainDicomTags entry is invalid (not an array)");
            }
            List<Integer> tags = new ArrayList<>();
            for (JsonNode item : e.getValue()) {
                if (!item.isTextual()) {
                    throw new OrthancException(ErrorCode.BadFileFormat, "The definition of the '" + e.getKey()
                            + "' ExtraMainDicomTags entry is invalid (item is not a string)");
                }
                int tag = TagNames.parse(item.asText(), dictionary);
                if (COMPUTED.contains(tag)) {
                    LOG.warn("{} can not be added to the ExtraMainDicomTags since its value is computed when"
                            + " requested; ignored", item.asText());
                } else if (Tag.isPrivate(tag)) {
                    LOG.warn("{} is a private tag, which cannot be a main DICOM tag; ignored", item.asText());
                } else if (tags.contains(tag)) {
                    throw twice(tag, level);
                } else {
                    tags.add(tag);
                }
            }
            if (extra.containsKey(level)) {
                throw new OrthancException(ErrorCode.BadFileFormat,
                        "The level " + level.label() + " appears twice in ExtraMainDicomTags");
            }
            if (!tags.isEmpty()) {
                extra.put(level, List.copyOf(tags));
            }
        }
        // The defaults know which tags are already main tags: let them reject duplicates now, at startup.
        new MainDicomTags(extra);
        return Collections.unmodifiableMap(extra);
    }

    /** Orthanc's spellings of levels, case-insensitive: singular, plural, and "image(s)" for instances. */
    private static ResourceType level(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (ResourceType t : ResourceType.values()) {
            if (t.label().toLowerCase(Locale.ROOT).equals(k) || t.uriSegment().equals(k)) {
                return t;
            }
        }
        if (k.equals("image") || k.equals("images")) {
            return ResourceType.INSTANCE;
        }
        throw new OrthancException(ErrorCode.BadFileFormat,
                "Unknown entry '" + key + "' in ExtraMainDicomTags (expected Patient, Study, Series or Instance)");
    }

    private static OrthancException twice(int tag, ResourceType level) {
        return new OrthancException(ErrorCode.MainDicomTagsMultiplyDefined,
                Tag.toString(tag) + " is declared twice at the " + level.label() + " level");
    }
}
