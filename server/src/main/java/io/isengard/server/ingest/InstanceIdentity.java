package io.isengard.server.ingest;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.OrthancId;
import io.isengard.server.model.ResourceType;

/** The identifying tags of an instance and the four Orthanc IDs they give (resources.md §1-2). */
public record InstanceIdentity(String patientId, String studyUid, String seriesUid, String sopUid) {
    static final int PATIENT_ID = 0x00100020;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;

    public static InstanceIdentity of(DataSet ds) {
        String patient = text(ds, PATIENT_ID);
        // As Orthanc's DicomInstanceHasher: an absent UID is InexistentTag (404, e.g. a DICOMDIR),
        // a present but empty one BadFileFormat (400).
        String study = required(ds, STUDY_INSTANCE_UID, "StudyInstanceUID");
        String series = required(ds, SERIES_INSTANCE_UID, "SeriesInstanceUID");
        String sop = required(ds, Tag.SOPInstanceUID, "SOPInstanceUID");
        if (study.isEmpty() || series.isEmpty() || sop.isEmpty()) {
            throw new OrthancException(ErrorCode.BadFileFormat,
                    "missing StudyInstanceUID, SeriesInstanceUID or SOPInstanceUID");
        }
        return new InstanceIdentity(patient, study, series, sop);
    }

    private static String required(DataSet ds, int tag, String name) {
        if (!ds.contains(tag)) {
            throw new OrthancException(ErrorCode.InexistentTag, "the file has no " + name + " "
                    + Tag.toString(tag) + ": not a DICOM instance (a DICOMDIR?)");
        }
        return text(ds, tag);
    }

    private static String text(DataSet ds, int tag) {
        String s = OrthancText.of(ds, tag);
        return s == null ? "" : s.strip();
    }

    public String id(ResourceType level) {
        return switch (level) {
            case PATIENT -> OrthancId.patient(patientId);
            case STUDY -> OrthancId.study(patientId, studyUid);
            case SERIES -> OrthancId.series(patientId, studyUid, seriesUid);
            case INSTANCE -> OrthancId.instance(patientId, studyUid, seriesUid, sopUid);
        };
    }
}
