package io.isengard.dicom.net.pdu;

/**
 * A-ABORT (PS3.8 §9.3.8).
 *
 * @param source 0 = service-user, 2 = service-provider
 * @param reason with source 2: 0 reason not specified, 1 unrecognized PDU, 2 unexpected PDU,
 *     4 unrecognized PDU parameter, 5 unexpected PDU parameter, 6 invalid PDU parameter value
 */
public record AAbort(int source, int reason) implements Pdu {
    public static final int SOURCE_SERVICE_USER = 0;
    public static final int SOURCE_SERVICE_PROVIDER = 2;

    public static final int REASON_NOT_SPECIFIED = 0;
    public static final int REASON_UNRECOGNIZED_PDU = 1;
    public static final int REASON_UNEXPECTED_PDU = 2;
    public static final int REASON_UNRECOGNIZED_PDU_PARAMETER = 4;
    public static final int REASON_UNEXPECTED_PDU_PARAMETER = 5;
    public static final int REASON_INVALID_PDU_PARAMETER_VALUE = 6;

    /** An abort by the local user (e.g. a handler gave up). */
    public static AAbort byServiceUser() {
        return new AAbort(SOURCE_SERVICE_USER, REASON_NOT_SPECIFIED);
    }

    /** An abort by the upper layer itself, for a protocol error. */
    public static AAbort byServiceProvider(int reason) {
        return new AAbort(SOURCE_SERVICE_PROVIDER, reason);
    }

    @Override
    public int type() {
        return A_ABORT;
    }

    @Override
    public String toString() {
        return "A-ABORT(source " + source + ", reason " + reason + ")";
    }
}
