package io.isengard.server.differential;

import static io.isengard.server.differential.RequestCase.get;
import static io.isengard.server.differential.RequestCase.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MaximumPatientCount and MaximumStorageSize in Recycle mode, and patient
 * protection, against the reference (resources.md §3, §15): the same
 * uploads into both servers, then the patients that remain, the change log
 * and the errors compared. 1.10.1 has no MaximumStorageMode (1.11.2+), so
 * Reject is tested against the spec only (index.jdbc.RecyclingTest).
 */
class RecyclingDifferentialTest {
    private static final String BRAINIX_1 = "Brainix/Epi/IM-0001-0001.dcm";
    private static final String BRAINIX_2 = "Brainix/Epi/IM-0001-0002.dcm";
    private static final String KNEE = "Knee/T1/IM-0001-0001.dcm";
    private static final String DUMMY = "DummyCT.dcm";
    private static final String CHRISTOPHER = "2020-08-12-Christopher.dcm";
    private static final String VEDRAN = "2019-06-17-VedranZdesic.dcm";
    private static final String SEG = "DicomSeg.dcm";
    private static final String BRAINIX_PATIENT = "16738bc3-e47ed42a-43ce044c-a3414a45-cb069bd0";
    private static final String DUMMY_PATIENT = "6816cb19-844d5aee-85245eba-28e841e6-2414fae2";
    private static final String DUMMY_STUDY = "b9c08539-26f93bde-c81ab0d7-bffaf2cb-a4d0bdd0";
    private static final JsonDiff PATIENT_SET = JsonDiff.ordered().unordered("/Body");

    private static ServerPair start(String option, int value) {
        ObjectNode config = ServerPair.openConfiguration();
        config.put(option, value);
        return ServerPair.start(config);
    }

    private static RequestCase upload(String sample) {
        try {
            return request("POST", "/instances").body(Files.readAllBytes(SampleFiles.get(sample)))
                    .known(KnownDifferences.ERRORS); // some uploads fail: the storage is full
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads a sample into both, comparing the answers, then the patients that remain. */
    private static void uploadThenComparePatients(ServerPair servers, DiffReport report, String sample) {
        RequestCase c = upload(sample);
        c.run(servers, report);
        report.compare("GET /patients after uploading " + sample, servers.reference().get("/patients"),
                servers.candidate().get("/patients"), PATIENT_SET, KnownDifferences.HEADERS);
    }

    @Test
    void patientCountRecyclesTheOldestUnprotectedPatient() {
        try (ServerPair servers = start("MaximumPatientCount", 2)) {
            DiffReport report = new DiffReport("MaximumPatientCount=2, protected patients",
                    servers.referenceVersion());
            for (String sample : List.of(BRAINIX_1, KNEE, BRAINIX_2, DUMMY)) {
                uploadThenComparePatients(servers, report, sample); // Knee goes: Brainix received an instance since
            }
            String protectedUri = "/patients/" + BRAINIX_PATIENT + "/protected";
            for (RequestCase c : List.of(get(protectedUri),
                    request("PUT", protectedUri).body("yes"), request("PUT", protectedUri).body("TRUE"),
                    request("PUT", protectedUri).body("").known(KnownDifferences.ERRORS),
                    get("/patients/nope/protected"), request("PUT", "/patients/nope/protected").body("1"),
                    request("PUT", "/patients/" + DUMMY_STUDY + "/protected").body("1"),
                    get("/studies/" + DUMMY_STUDY + "/protected"),
                    request("PUT", protectedUri).body(" 1\n").known(KnownDifferences.EMPTY_ANSWERS),
                    get(protectedUri))) {
                c.run(servers, report);
            }
            // Brainix is the oldest, but protected: DummyCT goes
            uploadThenComparePatients(servers, report, CHRISTOPHER);
            get("/patients/" + BRAINIX_PATIENT).known(KnownDifferences.RESOURCES).run(servers, report);
            get("/patients/" + DUMMY_PATIENT).run(servers, report);
            report.compare("GET /changes", servers.reference().get("/changes"), servers.candidate().get("/changes"),
                    JsonDiff.ordered(), KnownDifferences.CHANGES);

            // every other patient protected: nothing can be recycled
            for (var id : servers.reference().get("/patients").json()) {
                request("PUT", "/patients/" + id.asText() + "/protected").body("true")
                        .known(KnownDifferences.EMPTY_ANSWERS).run(servers, report);
            }
            uploadThenComparePatients(servers, report, KNEE);
            request("PUT", protectedUri).body("false").known(KnownDifferences.EMPTY_ANSWERS).run(servers, report);
            uploadThenComparePatients(servers, report, KNEE); // Brainix, unprotected, goes
            report.finish();
        }
    }

    @Test
    void storageSizeRecyclesUntilTheInstanceFits() {
        try (ServerPair servers = start("MaximumStorageSize", 1)) {
            DiffReport report = new DiffReport("MaximumStorageSize=1 (MB)", servers.referenceVersion());
            for (String sample : List.of(CHRISTOPHER, VEDRAN, KNEE, SEG)) {
                uploadThenComparePatients(servers, report, sample);
            }
            report.finish();
        }
    }
}
