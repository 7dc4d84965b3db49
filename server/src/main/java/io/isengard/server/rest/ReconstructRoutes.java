package io.isengard.server.rest;

import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.Reconstruction;
import io.isengard.server.resources.ResourceFinder;

/** POST /{level}/{id}/reconstruct and /tools/reconstruct (rest-core.md §11, Orthanc 1.12). */
public final class ReconstructRoutes {
    private final ResourceFinder finder;
    private final Reconstruction reconstruction;

    public ReconstructRoutes(ResourceFinder finder, Reconstruction reconstruction) {
        this.finder = finder;
        this.reconstruction = reconstruction;
    }

    /**
     * The options come from a JSON object body; like Orthanc 1.10, which
     * reads no body here, an empty or non-JSON body means the defaults. As
     * Orthanc, the resource may be of another level than the route's.
     */
    public void register(OrthancRouter r) {
        for (ResourceType level : ResourceType.values()) {
            r.post("/" + level.uriSegment() + "/{id}/reconstruct", call -> {
                ResourceRef ref = finder.requireAnyLevel(call.parameter("id"));
                BodyFields body = BodyFields.lenient(call);
                reconstruction.reconstruct(ref, body.bool("ReconstructFiles", false),
                        body.bool("LimitToThisLevelMainDicomTags", false));
                call.answerText("");
            });
        }
        r.post("/tools/reconstruct", call -> {
            reconstruction.reconstructAll(BodyFields.lenient(call).bool("ReconstructFiles", false));
            call.answerText("");
        });
    }
}
