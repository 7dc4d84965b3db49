package io.isengard.server.modalities;

import io.isengard.dicom.DataSet;
import io.isengard.server.model.ResourceType;
import java.util.List;
import java.util.SortedMap;

/**
 * One entry of /queries (modalities.md §7.4): what was asked (before
 * normalization), to whom, and the answers received.
 *
 * @param query the original Query map, tag → value
 * @param localAet the calling AET requested (null = default), inherited by retrieves
 * @param timeout the requested timeout (null = default), inherited by retrieves and child queries
 */
public record QueryAnswers(String id, String modalityName, ResourceType level, SortedMap<Integer, String> query,
        boolean normalize, String localAet, Integer timeout, List<DataSet> answers) {
    public QueryAnswers {
        answers = List.copyOf(answers);
    }
}
