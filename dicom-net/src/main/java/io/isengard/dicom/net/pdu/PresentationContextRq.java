package io.isengard.dicom.net.pdu;

import java.util.List;

/**
 * A proposed presentation context (item 0x20, PS3.8 §9.3.2.2).
 *
 * @param id odd, 1..255
 * @param abstractSyntax the SOP class UID (item 0x30)
 * @param transferSyntaxes in the proposer's order of preference (items 0x40)
 */
public record PresentationContextRq(int id, String abstractSyntax, List<String> transferSyntaxes) {
    public PresentationContextRq {
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }
}
