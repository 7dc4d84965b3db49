package io.isengard.server.resources;

import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;

/** Looks resources up by Orthanc ID at an expected level. */
public final class ResourceFinder {
    private final Index index;

    public ResourceFinder(Index index) {
        this.index = index;
    }

    /** The resource, or null if unknown or of another level (routes then stay unanswered: 404). */
    public ResourceRef find(ResourceType level, String publicId) {
        ResourceRef r = index.read(tx -> tx.lookup(publicId));
        return r != null && r.type() == level ? r : null;
    }

    /** The resource, or the "Unknown resource" error (404 with a JSON body). */
    public ResourceRef require(ResourceType level, String publicId) {
        ResourceRef r = find(level, publicId);
        if (r == null) {
            throw new OrthancException(ErrorCode.UnknownResource, "Unknown " + level.label().toLowerCase()
                    + ": " + publicId);
        }
        return r;
    }

    /** The resource whatever its level, or the "Unknown resource" error (404 with a JSON body). */
    public ResourceRef requireAnyLevel(String publicId) {
        ResourceRef r = index.read(tx -> tx.lookup(publicId));
        if (r == null) {
            throw new OrthancException(ErrorCode.UnknownResource, "Unknown resource: " + publicId);
        }
        return r;
    }
}
