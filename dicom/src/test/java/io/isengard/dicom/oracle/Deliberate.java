package io.isengard.dicom.oracle;

import io.isengard.dicom.oracle.DumpDiff.Difference;
import io.isengard.dicom.oracle.DumpDiff.Field;
import java.util.List;

/**
 * A difference from DCMTK that we accept, and why.
 *
 * @param file the sample, relative to the sample folder
 * @param key the entry's key; ending in {@code *}, every key that starts with what precedes it
 * @param field what differs
 * @param reason why we differ on purpose (or why DCMTK is wrong)
 */
record Deliberate(String file, String key, Field field, String reason) {

    boolean covers(String relativeFile, Difference d) {
        if (!file.equals(relativeFile) || field != d.field()) {
            return false;
        }
        return key.endsWith("*") ? d.key().startsWith(key.substring(0, key.length() - 1)) : d.key().equals(key);
    }

    static List<Deliberate> forFile(List<Deliberate> all, String relativeFile) {
        return all.stream().filter(d -> d.file().equals(relativeFile)).toList();
    }
}
