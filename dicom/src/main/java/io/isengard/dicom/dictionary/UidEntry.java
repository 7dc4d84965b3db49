package io.isengard.dicom.dictionary;

/**
 * A well-known UID (PS3.6 Annex A), as DCMTK's dcuid.h lists it.
 *
 * @param uid the UID, e.g. {@code 1.2.840.10008.5.1.4.1.1.2}
 * @param keyword DCMTK's name without {@code UID_}, e.g. {@code CTImageStorage};
 *     retired ones start with {@code RETIRED_}, draft ones with {@code DRAFT_}
 * @param name a human-readable name: dcuid.h's title comment where it has one
 *     (transfer syntaxes), else the keyword split into words, e.g. {@code CT Image Storage}
 * @param type PS3.6's UID type, e.g. {@code Transfer Syntax}, {@code SOP Class},
 *     {@code Meta SOP Class}, {@code Well-known SOP Instance}, {@code Well-known frame of reference}
 */
public record UidEntry(String uid, String keyword, String name, String type) {
    public boolean isTransferSyntax() {
        return type.equals("Transfer Syntax");
    }
}
