package io.isengard.dicom.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UidRegistryTest {

    @Test
    void transferSyntaxes() {
        UidEntry e = UidRegistry.lookup("1.2.840.10008.1.2.1");
        assertThat(e.keyword()).isEqualTo("LittleEndianExplicitTransferSyntax");
        assertThat(e.name()).isEqualTo("Explicit VR Little Endian");
        assertThat(e.type()).isEqualTo("Transfer Syntax");
        assertThat(e.isTransferSyntax()).isTrue();
        assertThat(UidRegistry.lookup("1.2.840.10008.1.2").name())
                .isEqualTo("Implicit VR Little Endian: Default Transfer Syntax for DICOM");
        assertThat(UidRegistry.lookup("1.2.840.10008.1.2.2").name()).isEqualTo("Explicit VR Big Endian (Retired)");
        assertThat(UidRegistry.lookup("1.2.840.10008.1.2.4.90").keyword()).isEqualTo("JPEG2000LosslessOnlyTransferSyntax");
        assertThat(UidRegistry.lookup("1.2.840.10008.1.2.4.100").name()).isEqualTo("MPEG2 Main Profile / Main Level");
        assertThat(UidRegistry.lookup("1.2.840.10008.1.2.5").keyword()).isEqualTo("RLELosslessTransferSyntax");
    }

    @Test
    void storageSopClasses() {
        UidEntry ct = UidRegistry.lookup("1.2.840.10008.5.1.4.1.1.2");
        assertThat(ct.keyword()).isEqualTo("CTImageStorage");
        assertThat(ct.name()).isEqualTo("CT Image Storage");
        assertThat(ct.type()).isEqualTo("SOP Class");
        assertThat(ct.isTransferSyntax()).isFalse();
        assertThat(UidRegistry.lookupKeyword("CTImageStorage")).isSameAs(ct);
        assertThat(UidRegistry.lookupKeyword("MRImageStorage").uid()).isEqualTo("1.2.840.10008.5.1.4.1.1.4");
        assertThat(UidRegistry.lookupKeyword("SecondaryCaptureImageStorage").uid()).isEqualTo("1.2.840.10008.5.1.4.1.1.7");
        assertThat(UidRegistry.lookupKeyword("RETIRED_NuclearMedicineImageStorage").name())
                .isEqualTo("Nuclear Medicine Image Storage (Retired)");
    }

    @Test
    void otherTypes() {
        assertThat(UidRegistry.lookupKeyword("VerificationSOPClass").type()).isEqualTo("SOP Class");
        assertThat(UidRegistry.lookupKeyword("StandardApplicationContext").type()).isEqualTo("Application Context Name");
        assertThat(UidRegistry.lookupKeyword("StorageCommitmentPushModelSOPInstance").type())
                .isEqualTo("Well-known SOP Instance");
        assertThat(UidRegistry.lookupKeyword("BasicGrayscalePrintManagementMetaSOPClass").type()).isEqualTo("Meta SOP Class");
        assertThat(UidRegistry.lookupKeyword("TalairachBrainAtlasFrameOfReference").type())
                .isEqualTo("Well-known frame of reference");
        assertThat(UidRegistry.lookupKeyword("DICOMControlledTerminologyCodingScheme").type()).isEqualTo("Coding Scheme");
        assertThat(UidRegistry.lookupKeyword("LDAP_dicomTransferSyntax").type()).isEqualTo("LDAP OID");
        assertThat(UidRegistry.lookupKeyword("LDAP_dicomTransferSyntax").name()).isEqualTo("dicomTransferSyntax");
    }

    @Test
    void macrosBuiltFromOtherMacrosAreResolved() {
        // dcuid.h: #define UID_PrivateGenericFileSOPClass SITE_UID_ROOT ".1.0.1", SITE_UID_ROOT being OFFIS_UID_ROOT.
        assertThat(UidRegistry.lookupKeyword("PrivateGenericFileSOPClass").uid()).isEqualTo("1.2.276.0.7230010.3.1.0.1");
    }

    @Test
    void paddingAndUnknowns() {
        assertThat(UidRegistry.lookup("1.2.840.10008.1.2\0").keyword()).isEqualTo("LittleEndianImplicitTransferSyntax");
        assertThat(UidRegistry.lookup("1.2.3.4")).isNull();
        assertThat(UidRegistry.lookup(null)).isNull();
        assertThat(UidRegistry.lookupKeyword("NoSuchThing")).isNull();
        assertThat(UidRegistry.lookupKeyword("RelevantPatientInformationQuery_Prefix")).as("a prefix, not a UID").isNull();
    }
}
