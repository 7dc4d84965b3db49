package io.isengard.server.warmup;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.VR;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.dicom.net.dimse.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DICOM side of a warm-up round, as a modality and a workstation send
 * it: one association with a C-ECHO, the C-STOREs of a series of images,
 * then study-level C-FINDs (the SCP's code is as cold as the REST API's
 * until the JIT compiler has seen it run).
 */
final class DicomTraffic {
    static final String CALLING_AET = "WARMUP";
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    // Rounds of DICOM traffic use other UIDs than the REST uploads, so that they store new instances.
    private static final long FIRST_RUN = 1_000_000;
    private static final List<String> PATIENT_NAMES = List.of("*PATIENT1*", "WARMUP^PATIENT2", "");

    private final int port;
    private final Path folder;
    private final AtomicInteger exchanges = new AtomicInteger();
    private final AtomicInteger failures;

    DicomTraffic(int port, Path folder, AtomicInteger failures) {
        this.port = port;
        this.folder = folder;
        this.failures = failures;
    }

    /** DIMSE requests sent so far. */
    int exchanges() {
        return exchanges.get();
    }

    void round(int round, int instances) throws IOException {
        SyntheticInstances synthetic = new SyntheticInstances(FIRST_RUN + round);
        List<Path> files = new ArrayList<>();
        for (int n = 0; n < instances; n++) {
            files.add(Files.write(folder.resolve("dicom-" + round + "-" + n + ".dcm"),
                    synthetic.instance(n, n % 2 == 0 ? 512 : 128)));
        }
        PresentationContexts contexts = new PresentationContexts().add(PresentationContexts.VERIFICATION)
                .storage(CT_IMAGE_STORAGE, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)
                .add(PresentationContexts.STUDY_ROOT_FIND);
        try (Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", port, CALLING_AET, "ORTHANC", contexts))) {
            count(scu.echo());
            for (Path f : files) {
                count(scu.store(f).status());
            }
            for (int q = 0; q < 4; q++) {
                for (String name : PATIENT_NAMES) {
                    count(scu.find(PresentationContexts.STUDY_ROOT_FIND, studyQuery(name), match -> true).status());
                }
            }
            scu.release();
        } finally {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    private void count(int status) {
        exchanges.incrementAndGet();
        if (status != Status.SUCCESS) {
            failures.incrementAndGet();
        }
    }

    /** The keys of a viewer's study query (findscu -S -k ...). */
    private static DataSet studyQuery(String patientName) {
        DataSet keys = new DataSet();
        keys.putString(0x00080052, VR.CS, "STUDY"); // QueryRetrieveLevel
        keys.putString(0x00100010, VR.PN, patientName);
        keys.putString(0x0020000D, VR.UI, "");
        keys.putString(0x00080020, VR.DA, "");
        keys.putString(0x00080061, VR.CS, "");
        keys.putString(0x00201208, VR.IS, "");
        return keys;
    }
}
