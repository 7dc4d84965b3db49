package io.isengard.dicom.net.pdu;

/**
 * The answer to a proposed presentation context (item 0x21, PS3.8 §9.3.3.2).
 *
 * @param id the proposed context's id
 * @param result 0 acceptance, 1 user-rejection, 2 no-reason (provider rejection),
 *     3 abstract-syntax-not-supported, 4 transfer-syntaxes-not-supported
 * @param transferSyntax the chosen transfer syntax; significant only when accepted
 */
public record PresentationContextAc(int id, int result, String transferSyntax) {
    public static final int ACCEPTANCE = 0;
    public static final int USER_REJECTION = 1;
    public static final int NO_REASON = 2;
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    public boolean accepted() {
        return result == ACCEPTANCE;
    }
}
