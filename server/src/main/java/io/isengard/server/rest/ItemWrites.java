package io.isengard.server.rest;

import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.ExpectedRevision;
import io.isengard.server.resources.ResourceFinder;
import java.io.IOException;

/**
 * The checks that start a PUT or DELETE of one metadata or attachment, in
 * Orthanc's order: may clients write it at all (else 403 without body),
 * the If-Match header (400 if malformed; under "CheckRevisions" a deletion
 * without it is 409 before anything is looked up), then the resource (404).
 */
final class ItemWrites {
    /** A write that passed the checks: on what, expecting what. */
    record Target(ResourceRef resource, ExpectedRevision expected) {
    }

    private final ResourceFinder finder;
    private final boolean checkRevisions;

    ItemWrites(ResourceFinder finder, boolean checkRevisions) {
        this.finder = finder;
        this.checkRevisions = checkRevisions;
    }

    /** The target of the write, or null when {@code allowed} is false and the call was answered 403. */
    Target check(RestCall call, ResourceType level, boolean allowed, boolean deletion) throws IOException {
        if (!allowed) {
            call.answerEmpty(403);
            return null;
        }
        ExpectedRevision expected = Revisions.expected(call, checkRevisions);
        if (deletion) {
            expected.requireForDeletion();
        }
        return new Target(finder.require(level, call.parameter("id")), expected);
    }
}
