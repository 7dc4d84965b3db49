package io.isengard.server.index;

import io.isengard.server.model.ResourceType;
import java.util.List;

/**
 * What the index answers of a /tools/find in one statement: resources of
 * {@code level} whose tags, labels, parent and metadata satisfy every
 * constraint, in the requested order (then by Orthanc ID, so that paging is
 * stable), from offset {@code since}, at most {@code limit} (0 = all).
 */
public record FindQuery(ResourceType level, List<TagMatch> tags, List<String> labels, LabelsConstraint labelsMode,
        List<Parent> parents, List<MetadataMatch> metadata, List<Ordering> orderBy, long since, long limit) {

    /**
     * A constraint on a main tag stored on the row of level {@code storedAt}:
     * the resource itself, one of its ancestors, or (for ModalitiesInStudy)
     * its children, any one of which may match.
     */
    public record TagMatch(ResourceType storedAt, int tag, TagConstraint constraint, boolean caseSensitive) {}

    /** A metadata value (exact or wildcard, case-sensitive). */
    public record MetadataMatch(int type, TagConstraint constraint) {}

    /** Only descendants of this resource (an ancestor level of the query's). */
    public record Parent(ResourceType level, String publicId) {}

    public enum LabelsConstraint { All, Any, None }

    public enum OrderKind { DicomTag, DicomTagAsInt, DicomTagAsFloat, Metadata, MetadataAsInt, MetadataAsFloat }

    /** For tags, {@code storedAt} is the level whose row holds it; for metadata, the resource's level. */
    public record Ordering(OrderKind kind, ResourceType storedAt, int key, boolean ascending) {
        public boolean isMetadata() {
            return kind == OrderKind.Metadata || kind == OrderKind.MetadataAsInt || kind == OrderKind.MetadataAsFloat;
        }
    }

    public FindQuery withPage(long newSince, long newLimit) {
        return new FindQuery(level, tags, labels, labelsMode, parents, metadata, orderBy, newSince, newLimit);
    }
}
