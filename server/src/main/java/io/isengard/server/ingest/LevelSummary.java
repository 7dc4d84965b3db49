package io.isengard.server.ingest;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.server.model.ResourceType;
import java.util.Map;

/**
 * What a resource of one level keeps from an instance below it (resources.md
 * §5): main tags (a study also keeps the patient's), identifier tags and
 * main sequences; for services outside ingest that recompute them.
 */
public final class LevelSummary {
    private final MainDicomTags mainTags;

    public LevelSummary(MainDicomTags mainTags) {
        this.mainTags = mainTags;
    }

    public Map<Integer, String> mainTags(DataSet ds, ResourceType level) {
        Map<Integer, String> tags = InstanceSummary.mainTags(ds, mainTags.of(level));
        if (level == ResourceType.STUDY) {
            tags.putAll(InstanceSummary.mainTags(ds, mainTags.patientTags()));
        }
        return tags;
    }

    public Map<Integer, String> identifiers(DataSet ds, ResourceType level) {
        return InstanceSummary.identifiers(ds, mainTags.identifiers(level));
    }

    /** The MainDicomSequences metadata of the level, or null if none. */
    public String mainSequences(DataSet ds, ResourceType level) {
        return InstanceSummary.mainSequences(ds, mainTags.of(level));
    }

    public String signature(ResourceType level) {
        return mainTags.signature(level);
    }

    public static String sopClassUid(DataSet ds) {
        return OrthancText.of(ds, Tag.SOPClassUID);
    }
}
