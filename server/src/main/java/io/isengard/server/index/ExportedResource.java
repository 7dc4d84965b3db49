package io.isengard.server.index;

import io.isengard.server.model.ResourceType;

/**
 * One entry of the exported-resources log (/exports, "LogExportedResources"):
 * a resource sent to a modality or peer. Identifiers above the resource's
 * level are null ({@code seq} is 0 until it is logged).
 */
public record ExportedResource(long seq, ResourceType resourceType, String publicId, String remoteModality,
        String patientId, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid, String date) {
}
