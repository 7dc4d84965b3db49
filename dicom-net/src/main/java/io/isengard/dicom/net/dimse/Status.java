package io.isengard.dicom.net.dimse;

/** DIMSE status codes (PS3.7 Annex C, PS3.4 service classes) used by Isengard. */
public final class Status {
    public static final int SUCCESS = 0x0000;
    public static final int PENDING = 0xFF00;
    public static final int PENDING_WARNING = 0xFF01;
    public static final int CANCEL = 0xFE00;
    /** Warning: sub-operations complete, one or more failures (C-MOVE, C-GET). */
    public static final int SUB_OPERATIONS_WARNING = 0xB000;
    public static final int COERCION_OF_DATA_ELEMENTS = 0xB000;
    public static final int OUT_OF_RESOURCES = 0xA700;
    public static final int OUT_OF_RESOURCES_MATCHES = 0xA701;
    public static final int OUT_OF_RESOURCES_SUB_OPERATIONS = 0xA702;
    public static final int MOVE_DESTINATION_UNKNOWN = 0xA801;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int UNABLE_TO_PROCESS = 0xC000;
    public static final int CANNOT_UNDERSTAND = 0xC000;
    public static final int PROCESSING_FAILURE = 0x0110;
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    public static final int UNRECOGNIZED_OPERATION = 0x0211;

    private Status() {}

    public static boolean isPending(int status) {
        return status == PENDING || status == PENDING_WARNING;
    }

    /** Failure statuses: 0xA..., 0xC..., and the 0x01xx/0x02xx general ones (PS3.7 C.1). */
    public static boolean isFailure(int status) {
        int high = status & 0xF000;
        return high == 0xA000 || high == 0xC000 || (status & 0xFF00) == 0x0100 || (status & 0xFF00) == 0x0200;
    }

    public static boolean isWarning(int status) {
        return (status & 0xF000) == 0xB000 || status == 0x0001 || status == 0x0107 || status == 0x0116;
    }
}
