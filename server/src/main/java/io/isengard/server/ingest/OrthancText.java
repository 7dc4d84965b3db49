package io.isengard.server.ingest;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.VR;
import io.isengard.dicom.dictionary.DictionaryEntry;
import io.isengard.dicom.dictionary.ElementDictionary;

/**
 * The text of an element as Orthanc reads it for identifiers and main tags.
 * A value written with VR UN whose tag the dictionary gives a string VR is
 * that VR's text up to its first NUL, decoded with the Specific Character Set
 * (Orthanc gets C strings from DCMTK, which converts such UN values); other
 * UN values have no text (null); the rest is {@link DataSet#string}. Without this a UN PatientID or UID
 * would be hashed as its byte values and give other Orthanc IDs.
 */
public final class OrthancText {
    private OrthancText() {}

    public static String of(DataSet ds, int tag) {
        if (ds.vr(tag) == VR.UN) {
            byte[] b = ds.bytes(tag);
            DictionaryEntry e = ElementDictionary.lookup(tag);
            if (b == null || e == null || !e.vr().isText()) {
                return null; // binary to Orthanc: no text (e.g. a UN ImageIndex is no main tag there)
            }
            int end = 0;
            while (end < b.length && b[end] != 0) {
                end++;
            }
            return ds.specificCharacterSet().decode(b, 0, end, e.vr());
        }
        return ds.string(tag);
    }
}
