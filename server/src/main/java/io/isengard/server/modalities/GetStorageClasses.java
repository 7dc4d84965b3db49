package io.isengard.server.modalities;

import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.net.PresentationContexts;
import java.util.ArrayList;
import java.util.List;

/**
 * The storage SOP classes proposed with the SCP role for the C-STOREs of a
 * C-GET, when the resource does not name its "SOPClassesInStudy"
 * (modalities.md §6): the common ones, as Orthanc does, and the transfer
 * syntaxes we can ingest.
 */
final class GetStorageClasses {
    static final List<String> COMMON = List.of(
            "1.2.840.10008.5.1.4.1.1.1", // CR
            "1.2.840.10008.5.1.4.1.1.1.1", // Digital X-Ray (presentation)
            "1.2.840.10008.5.1.4.1.1.1.1.1", // Digital X-Ray (processing)
            "1.2.840.10008.5.1.4.1.1.1.2", // Digital Mammography (presentation)
            "1.2.840.10008.5.1.4.1.1.1.2.1", // Digital Mammography (processing)
            "1.2.840.10008.5.1.4.1.1.1.3", // Digital Intra-Oral X-Ray (presentation)
            "1.2.840.10008.5.1.4.1.1.2", // CT
            "1.2.840.10008.5.1.4.1.1.2.1", // Enhanced CT
            "1.2.840.10008.5.1.4.1.1.3.1", // US Multi-frame
            "1.2.840.10008.5.1.4.1.1.4", // MR
            "1.2.840.10008.5.1.4.1.1.4.1", // Enhanced MR
            "1.2.840.10008.5.1.4.1.1.4.2", // MR Spectroscopy
            "1.2.840.10008.5.1.4.1.1.6.1", // US
            "1.2.840.10008.5.1.4.1.1.7", // Secondary Capture
            "1.2.840.10008.5.1.4.1.1.7.1", // Multi-frame Single Bit SC
            "1.2.840.10008.5.1.4.1.1.7.2", // Multi-frame Grayscale Byte SC
            "1.2.840.10008.5.1.4.1.1.7.3", // Multi-frame Grayscale Word SC
            "1.2.840.10008.5.1.4.1.1.7.4", // Multi-frame True Color SC
            "1.2.840.10008.5.1.4.1.1.9.1.1", // 12-lead ECG
            "1.2.840.10008.5.1.4.1.1.11.1", // Grayscale Softcopy Presentation State
            "1.2.840.10008.5.1.4.1.1.12.1", // X-Ray Angiographic
            "1.2.840.10008.5.1.4.1.1.12.2", // X-Ray Radiofluoroscopic
            "1.2.840.10008.5.1.4.1.1.13.1.1", // X-Ray 3D Angiographic
            "1.2.840.10008.5.1.4.1.1.13.1.3", // Breast Tomosynthesis
            "1.2.840.10008.5.1.4.1.1.20", // NM
            "1.2.840.10008.5.1.4.1.1.66", // Raw Data
            "1.2.840.10008.5.1.4.1.1.66.4", // Segmentation
            "1.2.840.10008.5.1.4.1.1.77.1.4", // VL Photographic
            "1.2.840.10008.5.1.4.1.1.88.11", // Basic Text SR
            "1.2.840.10008.5.1.4.1.1.88.22", // Enhanced SR
            "1.2.840.10008.5.1.4.1.1.88.33", // Comprehensive SR
            "1.2.840.10008.5.1.4.1.1.88.67", // X-Ray Radiation Dose SR
            "1.2.840.10008.5.1.4.1.1.104.1", // Encapsulated PDF
            "1.2.840.10008.5.1.4.1.1.128", // PET
            "1.2.840.10008.5.1.4.1.1.130", // Enhanced PET
            "1.2.840.10008.5.1.4.1.1.481.1", // RT Image
            "1.2.840.10008.5.1.4.1.1.481.2", // RT Dose
            "1.2.840.10008.5.1.4.1.1.481.3", // RT Structure Set
            "1.2.840.10008.5.1.4.1.1.481.5"); // RT Plan

    /** Uncompressed first, then the compressed syntaxes the codec reads. */
    static final List<String> SYNTAXES = List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.70",
            "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.5");

    private GetStorageClasses() {}

    /** The C-GET context (Study Root), then one SCP-role context per storage class. */
    static PresentationContexts contexts(List<String> sopClasses) {
        PresentationContexts c = new PresentationContexts()
                .add(PresentationContexts.STUDY_ROOT_GET, ModalityConnector.CONTROL_SYNTAXES);
        List<String> classes = new ArrayList<>(sopClasses.isEmpty() ? COMMON : sopClasses);
        for (String sop : classes.subList(0, Math.min(classes.size(), 127))) {
            c.add(sop, SYNTAXES).role(sop, false, true);
        }
        return c;
    }
}
