package io.isengard.dicom.io;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;

/** Builds the File Meta Information group (PS3.10 §7.1) that Isengard writes. */
public final class FileMetaInformation {
    /** Isengard's Implementation Class UID: a UUID-derived UID (PS3.5 §B.2), fixed once for the project. */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.179573506338168602002120579165148293356";
    /** Isengard's Implementation Version Name (at most 16 characters). */
    public static final String IMPLEMENTATION_VERSION_NAME = "ISENGARD_0_1";

    private FileMetaInformation() {}

    /** A meta group for a data set: SOP class and instance from the data set, the given transfer syntax. */
    public static DataSet create(DataSet dataSet, String transferSyntaxUID) {
        return create(dataSet.string(Tag.SOPClassUID), dataSet.string(Tag.SOPInstanceUID), transferSyntaxUID, null);
    }

    /**
     * A meta group with our implementation class and version; the group length
     * is computed when written.
     */
    public static DataSet create(String sopClassUID, String sopInstanceUID, String transferSyntaxUID,
            String sourceAETitle) {
        DataSet meta = new DataSet();
        meta.put(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        meta.putString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUID == null ? "" : sopClassUID);
        meta.putString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUID == null ? "" : sopInstanceUID);
        meta.putString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUID);
        meta.putString(Tag.ImplementationClassUID, VR.UI, IMPLEMENTATION_CLASS_UID);
        meta.putString(Tag.ImplementationVersionName, VR.SH, IMPLEMENTATION_VERSION_NAME);
        if (sourceAETitle != null && !sourceAETitle.isEmpty()) {
            meta.putString(Tag.SourceApplicationEntityTitle, VR.AE, sourceAETitle);
        }
        return meta;
    }
}
