package io.isengard.server.config;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;

/** What happens when MaximumStorageSize or MaximumPatientCount is reached (config.md §2). */
public enum MaximumStorageMode {
    /** Delete the oldest unprotected patients to make room. */
    Recycle,
    /** Refuse new instances (HTTP 507, DIMSE 0xA700). */
    Reject;

    static MaximumStorageMode parse(String value) {
        for (MaximumStorageMode m : values()) {
            if (m.name().equals(value)) {
                return m;
            }
        }
        throw new OrthancException(ErrorCode.ParameterOutOfRange,
                "Configuration option \"MaximumStorageMode\" should be \"Recycle\" or \"Reject\", not \"" + value + "\"");
    }
}
