package io.isengard.server.config;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;

/** Whether lookups may read DICOM files from the storage area (config.md §2). */
public enum StorageAccessOnFind {
    /** Files may be read both to match and to build answers. */
    Always,
    /** Files may be read to build answers, never to match. */
    Answers,
    /** Only the index is used. */
    Never;

    static StorageAccessOnFind parse(String value) {
        for (StorageAccessOnFind m : values()) {
            if (m.name().equals(value)) {
                return m;
            }
        }
        throw new OrthancException(ErrorCode.ParameterOutOfRange, "Configuration option \"StorageAccessOnFind\""
                + " should be \"Always\", \"Answers\" or \"Never\", not \"" + value + "\"");
    }
}
