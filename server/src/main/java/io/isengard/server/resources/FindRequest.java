package io.isengard.server.resources;

import io.isengard.server.index.FindQuery;
import io.isengard.server.model.ResourceType;
import java.util.List;
import java.util.Map;

/**
 * A /tools/find or /tools/count-resources request, validated (rest-core.md §9):
 * constraints by tag number (in request order), metadata constraints by
 * metadata code, ordering criteria with their key resolved.
 */
public record FindRequest(ResourceType level, Map<Integer, String> query, boolean caseSensitive, long since,
        long limit, List<String> labels, FindQuery.LabelsConstraint labelsMode, List<FindQuery.Parent> parents,
        Map<Integer, String> metadataQuery, List<Order> orderBy) {

    /** One OrderBy criterion: {@code key} is a tag for DicomTag*, a metadata code for Metadata*. */
    public record Order(FindQuery.OrderKind kind, int key, boolean ascending) {}

    /** Since or Limit given (non-zero): paging then has to happen in the database. */
    public boolean paged() {
        return since > 0 || limit > 0;
    }
}
