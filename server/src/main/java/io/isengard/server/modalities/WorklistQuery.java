package io.isengard.server.modalities;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.VR;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.Iterator;
import java.util.Map;

/** A worklist query from JSON (modalities.md §7.8): tags to strings, sequences as arrays of objects. */
final class WorklistQuery {
    private WorklistQuery() {}

    static void fill(DataSet target, JsonNode object) {
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            int tag = QueryKeys.tagOf(e.getKey());
            if (tag == -1) {
                throw new OrthancException(ErrorCode.UnknownDicomTag, "Unknown DICOM tag: \"" + e.getKey() + "\"");
            }
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                QueryKeys.put(target, tag, v.asText());
            } else if (v.isArray() && QueryKeys.vrOf(tag) == VR.SQ) {
                Sequence s = target.newSequence(tag);
                for (JsonNode item : v) {
                    if (!item.isObject()) {
                        throw new OrthancException(ErrorCode.BadFileFormat,
                                "The items of sequence " + e.getKey() + " must be JSON objects");
                    }
                    fill(s.addItem(), item);
                }
            } else {
                throw new OrthancException(ErrorCode.BadFileFormat, "Tag " + e.getKey()
                        + " must hold a string, or an array of objects for a sequence");
            }
        }
    }
}
