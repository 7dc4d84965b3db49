package io.isengard.server.ingest;

import io.isengard.dicom.DataSet;

/** Decides, before anything is recorded, whether a received instance is stored (Lua's ReceivedInstanceFilter). */
@FunctionalInterface
public interface ReceivedInstanceFilter {
    /**
     * @param dataSet the instance up to its pixel data
     * @param transferSyntaxUid the transfer syntax of the file
     * @return false to discard the instance (status FilteredOut)
     */
    boolean accepts(DataSet dataSet, String transferSyntaxUid, boolean hasPixelData, IngestOrigin origin);
}
