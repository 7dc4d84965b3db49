package io.isengard.dicom;

import java.util.Map;

/**
 * How a data set is encoded (PS3.5 §10): VR explicitness, byte order,
 * deflate, encapsulated pixel data.
 */
public record TransferSyntax(String uid, String keyword, boolean explicitVR, boolean bigEndian,
        boolean deflated, boolean encapsulated) {

    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    public static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
    public static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";

    public static final TransferSyntax ImplicitVRLittleEndian =
            new TransferSyntax(IMPLICIT_VR_LITTLE_ENDIAN, "ImplicitVRLittleEndian", false, false, false, false);
    public static final TransferSyntax ExplicitVRLittleEndian =
            new TransferSyntax(EXPLICIT_VR_LITTLE_ENDIAN, "ExplicitVRLittleEndian", true, false, false, false);
    public static final TransferSyntax DeflatedExplicitVRLittleEndian = new TransferSyntax(
            DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, "DeflatedExplicitVRLittleEndian", true, false, true, false);
    public static final TransferSyntax ExplicitVRBigEndian =
            new TransferSyntax(EXPLICIT_VR_BIG_ENDIAN, "ExplicitVRBigEndian", true, true, false, false);

    private static final Map<String, TransferSyntax> NATIVE = Map.of(
            IMPLICIT_VR_LITTLE_ENDIAN, ImplicitVRLittleEndian,
            EXPLICIT_VR_LITTLE_ENDIAN, ExplicitVRLittleEndian,
            DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, DeflatedExplicitVRLittleEndian,
            EXPLICIT_VR_BIG_ENDIAN, ExplicitVRBigEndian);

    /**
     * The transfer syntax for a UID. Those not among the four native ones are
     * taken as explicit VR little endian with encapsulated pixel data, which is
     * how every compressed transfer syntax is laid out (PS3.5 §A.4).
     */
    public static TransferSyntax of(String uid) {
        TransferSyntax ts = NATIVE.get(uid);
        if (ts != null) {
            return ts;
        }
        // JPIP Referenced Deflate is the one other deflated syntax; its pixel data is referenced, not sent.
        boolean deflated = uid.equals("1.2.840.10008.1.2.4.95");
        return new TransferSyntax(uid, null, true, false, deflated, !deflated);
    }

    /** True for the four transfer syntaxes whose pixel data is native (not encapsulated). */
    public boolean isNative() {
        return !encapsulated;
    }
}
