package io.isengard.server.index;

import io.isengard.server.model.ChangeType;
import io.isengard.server.model.ResourceType;

/** One entry of the change log. */
public record Change(long seq, ChangeType changeType, ResourceType resourceType, String publicId, String date) {
}
