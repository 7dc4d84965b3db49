package io.isengard.dicom.dictionary;

import io.isengard.dicom.VR;
import java.util.List;

/**
 * One data element of the dictionary (PS3.6, or a private dictionary).
 *
 * @param tag the tag; for repeating groups or ranges the lowest tag of the range;
 *     for private entries the tag private.dic gives, with block byte 0x10 when it
 *     gives an offset only: (0029,1010) for (0029,"SIEMENS CSA HEADER",10)
 * @param keyword the keyword, e.g. {@code PatientName} (Orthanc's "Name")
 * @param vrs the VRs allowed, the usual one first (several for "US or SS", "OB or OW")
 * @param vm value multiplicity as written in PS3.6, e.g. {@code 1-n}
 * @param retired true if the element is retired
 * @param privateCreator the private creator for private dictionary entries, else null
 */
public record DictionaryEntry(int tag, String keyword, List<VR> vrs, String vm, boolean retired,
        String privateCreator) {
    /** The usual VR: the one implicit VR transfer syntaxes imply. */
    public VR vr() {
        return vrs.isEmpty() ? VR.UN : vrs.get(0);
    }
}
