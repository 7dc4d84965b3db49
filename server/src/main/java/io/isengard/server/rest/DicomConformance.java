package io.isengard.server.rest;

/** The text of GET /tools/dicom-conformance. */
final class DicomConformance {
    private DicomConformance() {}

    static final String TEXT = """
            Isengard DICOM Conformance Statement
            ====================================

            Isengard is a RESTful DICOM server compatible with Orthanc. This statement
            describes what Isengard implements of the DICOM standard.

            Storage
            -------
            Isengard stores DICOM Part 10 files received through its REST API
            (POST /instances) in any transfer syntax, unchanged. Files are indexed by
            PatientID, StudyInstanceUID, SeriesInstanceUID and SOPInstanceUID.

            Supported transfer syntaxes for parsing
            ---------------------------------------
            Implicit VR Little Endian                 1.2.840.10008.1.2
            Explicit VR Little Endian                 1.2.840.10008.1.2.1
            Deflated Explicit VR Little Endian        1.2.840.10008.1.2.1.99
            Explicit VR Big Endian                    1.2.840.10008.1.2.2
            Every encapsulated (compressed) transfer syntax, whose pixel data is kept
            as received.

            Character sets
            --------------
            Every defined term of Specific Character Set (0008,0005), including the
            ISO 2022 code extensions for Japanese, Korean and Chinese, GB18030, GBK and
            UTF-8.

            Network
            -------
            The DICOM upper layer protocol (C-ECHO, C-STORE, C-FIND, C-MOVE, C-GET as
            SCP and SCU) arrives with a later release of Isengard; this statement will
            then list the SOP classes and presentation contexts it negotiates.
            """;
}
