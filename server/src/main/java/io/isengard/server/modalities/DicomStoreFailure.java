package io.isengard.server.modalities;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.Set;

/** C-STORE-RSP statuses Orthanc treats as success, and the error for the others (modalities.md §4.1). */
final class DicomStoreFailure {
    /** Success, and the warnings "coercion", "elements discarded", "data set does not match SOP class", and 0x0111. */
    private static final Set<Integer> SUCCESS = Set.of(0x0000, 0xB000, 0xB006, 0xB007, 0x0111);

    private DicomStoreFailure() {}

    static boolean isSuccess(int status) {
        return SUCCESS.contains(status);
    }

    static OrthancException of(String aet, int status) {
        return new OrthancException(ErrorCode.NetworkProtocol,
                "C-STORE SCU to AET \"" + aet + "\" has failed with DIMSE status " + hex(status));
    }

    static String hex(int status) {
        return String.format("0x%04X", status);
    }
}
