package io.isengard.server.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.TestServer;
import io.isengard.server.testing.DcmtkTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * C-FIND statuses (dicom-server.md §6): LimitFindResults and
 * LimitFindInstances cut the answers and end with 0xFE00, a missing or
 * unknown QueryRetrieveLevel fails with 0xC000.
 */
@Timeout(120)
class FindScpTest {
    @TempDir
    Path dir;

    private DcmtkTools.Result find(int port, String... keys) {
        java.util.List<String> c = new java.util.ArrayList<>(java.util.List.of("findscu", "-v", "-S", "-aec",
                "ORTHANC"));
        for (String k : keys) {
            c.add("-k");
            c.add(k);
        }
        c.add("127.0.0.1");
        c.add(Integer.toString(port));
        return DcmtkTools.run(dir, 60, c.toArray(String[]::new)).assertSuccess();
    }

    private static int answers(DcmtkTools.Result r) {
        return r.output().split("Find Response: [0-9]+ \\(Pending", -1).length - 1;
    }

    @Test
    void limitsAndLevels() throws Exception {
        try (TestServer server = TestServer.start("\"DicomAlwaysAllowFind\": true, \"LimitFindResults\": 1,"
                + " \"LimitFindInstances\": 2")) {
            DicomServerInteropTest.storeSamples(dir, server.dicomPort(), "STORESCU");
            int port = server.dicomPort();

            DcmtkTools.Result studies = find(port, "QueryRetrieveLevel=STUDY", "StudyInstanceUID");
            assertThat(answers(studies)).as(studies.output()).isEqualTo(1);
            assertThat(studies.output()).contains("Received Final Find Response (Cancel");

            DcmtkTools.Result instances = find(port, "QueryRetrieveLevel=IMAGE", "SOPInstanceUID");
            assertThat(answers(instances)).as(instances.output()).isEqualTo(2);
            assertThat(instances.output()).contains("Received Final Find Response (Cancel");

            DcmtkTools.Result one = find(port, "QueryRetrieveLevel=STUDY",
                    "StudyInstanceUID=" + DicomServerInteropTest.BRAINIX_STUDY);
            assertThat(answers(one)).isEqualTo(1);
            assertThat(one.output()).contains("Received Final Find Response (Success)");

            assertThat(find(port, "StudyInstanceUID").output()).contains("Failed: UnableToProcess");
            assertThat(find(port, "QueryRetrieveLevel=FRAME", "StudyInstanceUID").output())
                    .contains("Failed: UnableToProcess");
        }
    }
}
