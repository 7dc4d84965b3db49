package io.isengard.server.modalities;

import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;

/**
 * The global options of Isengard as a DICOM client (modalities.md §1.5, §9).
 *
 * @param dicomAet our AE title, the default calling AET and move destination
 * @param scuTimeout DicomScuTimeout in seconds, 0 = none
 * @param associationCloseDelay DicomAssociationCloseDelay in seconds: how long an idle control association stays open for reuse
 * @param echoChecksFind DicomEchoChecksFind
 * @param queryRetrieveSize QueryRetrieveSize: how many /queries are kept
 * @param maxPduLength MaximumPduLength
 * @param defaultRetrieveMethod DicomDefaultRetrieveMethod
 */
public record ScuSettings(String dicomAet, int scuTimeout, int associationCloseDelay, boolean echoChecksFind,
        int queryRetrieveSize, int maxPduLength, String defaultRetrieveMethod) {

    public static ScuSettings of(OrthancConfiguration c) {
        int maxPdu = c.getUnsignedInt("MaximumPduLength", 16384);
        if (maxPdu < 4096 || maxPdu > 131072) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange,
                    "MaximumPduLength must be in range [4096..131072], but found: " + maxPdu);
        }
        return new ScuSettings(c.getString("DicomAet", "ORTHANC"), c.getUnsignedInt("DicomScuTimeout", 10),
                c.getUnsignedInt("DicomAssociationCloseDelay", 5), c.getBoolean("DicomEchoChecksFind", false),
                c.getUnsignedInt("QueryRetrieveSize", 100), maxPdu,
                c.getString("DicomDefaultRetrieveMethod", "C-MOVE"));
    }
}
