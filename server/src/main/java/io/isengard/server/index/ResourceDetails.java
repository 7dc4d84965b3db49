package io.isengard.server.index;

import io.isengard.server.model.FileInfo;
import java.util.List;
import java.util.Map;

/**
 * What the index holds about one resource, loaded set-wise for its JSON:
 * main tags (tag → value), metadata (type → value), children's IDs (sorted),
 * labels (sorted), the parent's ID, for instances the DICOM attachment, and
 * for series the IndexInSeries of their instances (to compute their status).
 */
public record ResourceDetails(ResourceRef ref, String parentPublicId, Map<Integer, String> mainDicomTags,
        Map<Integer, String> metadata, List<String> children, List<String> labels, FileInfo dicomFile,
        boolean isProtected, List<String> childrenIndexInSeries) {
}
