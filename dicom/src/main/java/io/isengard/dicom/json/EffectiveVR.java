package io.isengard.dicom.json;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.VR;
import io.isengard.dicom.dictionary.DictionaryEntry;

/**
 * The VR to present a value with. A value stored as UN (explicit UN, or an
 * implicit VR tag unknown when it was read) takes the VR the dictionaries give
 * its tag, as DCMTK converts UN when it reads a file for Orthanc: Orthanc shows
 * an explicit UN (0008,0041) as the LO text "IMA NONE", and a UN tag the user
 * dictionary declares UI as that UID.
 */
final class EffectiveVR {
    private EffectiveVR() {}

    static VR of(DataSet ds, int index, ExtraDictionary extra) {
        VR vr = ds.vrAt(index);
        if (vr != VR.UN || ds.valueAt(index) instanceof Sequence) {
            return vr;
        }
        int tag = ds.tagAt(index);
        DictionaryEntry e = TagNames.entry(tag, ds.privateCreatorOf(tag), extra);
        if (e == null || e.vrs().isEmpty()) {
            return vr;
        }
        VR declared = e.vr();
        // A sequence hidden in UN bytes would need parsing; it stays opaque.
        return declared == VR.SQ ? vr : declared;
    }
}
