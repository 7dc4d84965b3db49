package io.isengard.server.index;

import io.isengard.server.model.ResourceType;

/** A resource as the index knows it: its row, level, Orthanc ID and parent row (0 for patients). */
public record ResourceRef(long internalId, ResourceType type, String publicId, long parentId) {
    public String path() {
        return type.path(publicId);
    }
}
