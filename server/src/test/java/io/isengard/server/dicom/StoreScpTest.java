package io.isengard.server.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.server.TestServer;
import io.isengard.server.testing.Samples;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * C-STORE statuses (dicom-server.md §9) with our own SCU, which can send
 * what DCMTK's storescu will not: a data set that is not the instance its
 * command announces is refused with 0xA900 and not stored; the same
 * instance sent twice is a success both times, stored once.
 */
@Timeout(60)
class StoreScpTest {
    static final String MR = "1.2.840.10008.5.1.4.1.1.4";

    @Test
    void dataSetMustBeTheAnnouncedInstance() throws Exception {
        Path brainix = Samples.get("Brainix/Epi/IM-0001-0001.dcm");
        DataSet ds = DicomReader.read(brainix, ReadOptions.DEFAULT).dataSet();
        String sop = ds.string(io.isengard.dicom.Tag.SOPInstanceUID);
        try (TestServer server = TestServer.start("");
                Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", server.dicomPort(), "SCU", "ORTHANC",
                        new PresentationContexts().storage(MR, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)))) {
            int pc = scu.association().acceptedContext(MR, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            assertThat(pc).isPositive();
            assertThat(scu.store(pc, MR, "1.2.3.4", scu.association().encode(pc, ds)).status())
                    .isEqualTo(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
            assertThat(scu.store(pc, "1.2.840.10008.5.1.4.1.1.2", sop, scu.association().encode(pc, ds)).status())
                    .isEqualTo(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
            assertThat(server.get("/instances").body().strip()).isEqualTo("[]");

            assertThat(scu.store(pc, MR, sop, scu.association().encode(pc, ds)).status()).isEqualTo(Status.SUCCESS);
            assertThat(scu.store(pc, MR, sop, scu.association().encode(pc, ds)).status()).isEqualTo(Status.SUCCESS);
            assertThat(server.get("/statistics").body()).contains("\"CountInstances\" : 1");
        }
    }
}
