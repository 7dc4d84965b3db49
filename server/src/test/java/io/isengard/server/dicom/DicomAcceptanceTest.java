package io.isengard.server.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.TestServer;
import io.isengard.server.testing.DcmtkTools;
import io.isengard.server.testing.DcmtkTools.Result;
import io.isengard.server.testing.Samples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may associate and ask what (dicom-server.md §2, §2.1), with DCMTK's
 * tools as callers: DicomCheckCalledAet, unknown calling AE titles when
 * every DicomAlwaysAllow* flag is false, DicomCheckModalityHost,
 * StrictAetComparison, per-modality Allow* flags, and the default flags
 * (echo and store from anyone, find only from known modalities).
 */
@Timeout(120)
class DicomAcceptanceTest {
    @TempDir
    Path dir;

    private Result echo(int port, String calling, String called) {
        return DcmtkTools.run(dir, 30, "echoscu", "-aet", calling, "-aec", called, "127.0.0.1",
                Integer.toString(port));
    }

    private Result find(int port, String calling) {
        return DcmtkTools.run(dir, 30, "findscu", "-S", "-aet", calling, "-aec", "ISENGARD", "-k",
                "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "127.0.0.1", Integer.toString(port));
    }

    private Result store(int port, String calling) {
        return DicomServerInteropTest.storescu(dir, port, calling, "ISENGARD",
                List.of(Samples.get("Brainix/Epi/IM-0001-0001.dcm")));
    }

    @Test
    void calledAeTitleIsCheckedOnlyWhenAsked() throws Exception {
        try (TestServer server = TestServer.start("\"DicomAet\": \"ISENGARD\"")) {
            echo(server.dicomPort(), "ECHOSCU", "ANYTHING").assertSuccess();
        }
        try (TestServer server = TestServer.start("\"DicomAet\": \"ISENGARD\", \"DicomCheckCalledAet\": true")) {
            Result wrong = echo(server.dicomPort(), "ECHOSCU", "ANYTHING");
            assertThat(wrong.exitCode()).isNotZero();
            assertThat(wrong.output()).containsIgnoringCase("Called AE Title Not Recognized");
            echo(server.dicomPort(), "ECHOSCU", "isengard").assertSuccess(); // not strict: any case
        }
        try (TestServer server = TestServer.start("\"DicomAet\": \"ISENGARD\", \"DicomCheckCalledAet\": true,"
                + " \"StrictAetComparison\": true")) {
            assertThat(echo(server.dicomPort(), "ECHOSCU", "isengard").exitCode()).isNotZero();
            echo(server.dicomPort(), "ECHOSCU", "ISENGARD").assertSuccess();
        }
    }

    @Test
    void withoutAnyAlwaysAllowOnlyKnownModalitiesAssociate() throws Exception {
        String config = """
                "DicomAet": "ISENGARD", "DicomCheckModalityHost": true,
                "DicomAlwaysAllowEcho": false, "DicomAlwaysAllowStore": false,
                "DicomModalities": {
                  "known": [ "KNOWN", "127.0.0.1", 104 ],
                  "nofind": { "AET": "NOFIND", "Host": "127.0.0.1", "Port": 104, "AllowFind": false },
                  "noecho": { "AET": "NOECHO", "Host": "127.0.0.1", "Port": 104, "AllowEcho": false },
                  "elsewhere": { "AET": "ELSEWHERE", "Host": "127.0.0.2", "Port": 104 }
                }""";
        try (TestServer server = TestServer.start(config)) {
            int port = server.dicomPort();
            Result unknown = echo(port, "STRANGER", "ISENGARD");
            assertThat(unknown.exitCode()).isNotZero();
            assertThat(unknown.output()).containsIgnoringCase("Calling AE Title Not Recognized");
            Result otherHost = echo(port, "ELSEWHERE", "ISENGARD");
            assertThat(otherHost.output()).containsIgnoringCase("Calling AE Title Not Recognized");

            echo(port, "KNOWN", "ISENGARD").assertSuccess();
            echo(port, "known", "ISENGARD").assertSuccess(); // StrictAetComparison false
            find(port, "KNOWN").assertSuccess();
            store(port, "KNOWN").assertSuccess();

            // Refused requests abort the association: no DIMSE status.
            Result noFind = find(port, "NOFIND");
            assertThat(noFind.output()).contains("Peer aborted Association");
            store(port, "NOFIND").assertSuccess();
            Result noEcho = echo(port, "NOECHO", "ISENGARD");
            assertThat(noEcho.output()).contains("Peer aborted Association");
        }
    }

    @Test
    void defaultFlagsLetAnyoneEchoAndStoreButNotFind() throws Exception {
        try (TestServer server = TestServer.start("\"DicomAet\": \"ISENGARD\"")) {
            int port = server.dicomPort();
            echo(port, "STRANGER", "ISENGARD").assertSuccess();
            store(port, "STRANGER").assertSuccess();
            assertThat(find(port, "STRANGER").output()).contains("Peer aborted Association");
            Result move = DcmtkTools.run(dir, 30, "movescu", "-S", "-aet", "STRANGER", "-aec", "ISENGARD", "-aem",
                    "STRANGER", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.3", "127.0.0.1",
                    Integer.toString(port));
            assertThat(move.output()).contains("Peer aborted Association");
        }
        try (TestServer server = TestServer.start("\"DicomAet\": \"ISENGARD\", \"DicomAlwaysAllowFind\": true")) {
            find(server.dicomPort(), "STRANGER").assertSuccess();
        }
    }

    @Test
    void dicomPortInUseStopsTheStart() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> TestServer.start("\"DicomPort\": " + busy.getLocalPort()).close())
                    .isInstanceOfSatisfying(io.isengard.server.model.OrthancException.class, e -> assertThat(e.error())
                            .isEqualTo(io.isengard.server.model.ErrorCode.DicomPortInUse));
        }
    }

    @Test
    void disabledServerDoesNotListen() throws Exception {
        try (TestServer server = TestServer.start("\"DicomServerEnabled\": false")) {
            assertThat(server.dicomPort()).isEqualTo(-1);
        }
    }
}
