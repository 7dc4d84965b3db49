package io.isengard.server.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.DataSet;
import io.isengard.server.TestServer;
import io.isengard.server.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lua's IncomingFindRequestFilter (lua.md §3) rewrites the queries of findscu before they run. */
class IncomingFindFilterTest {
    @TempDir
    Path dir;

    @Test
    void theFilterRewritesTheQueryAndSeesWhoAsks() throws Exception {
        Path script = dir.resolve("find.lua");
        Files.writeString(script, """
                function IncomingFindRequestFilter(query, origin)
                   -- a caller may only see its own patient, whatever it asked for
                   if origin.RemoteAet == 'FINDSCU' and origin.CalledAet == 'ISENGARD' then
                      query['0010,0020'] = 'ozp00SjY2xG'
                   end
                   query['PatientBirthDate'] = ''
                   return query
                end
                """);
        try (TestServer server = TestServer.start("\"DicomAet\": \"ISENGARD\", \"DicomAlwaysAllowFind\": true,"
                + " \"LuaScripts\": [\"" + script + "\"]")) {
            for (String sample : List.of("DummyCT.dcm", "ColorTestMalaterre.dcm")) {
                assertThat(server.post("/instances", Files.readAllBytes(Samples.get(sample))).statusCode())
                        .isEqualTo(200);
            }

            List<DataSet> answers = DicomServerInteropTest.findscu(dir, server.dicomPort(), "FINDSCU", "-P",
                    "QueryRetrieveLevel=PATIENT", "PatientID", "PatientName");
            List<DataSet> others = DicomServerInteropTest.findscu(dir, server.dicomPort(), "OTHER", "-P",
                    "QueryRetrieveLevel=PATIENT", "PatientID");

            assertThat(answers).extracting(d -> d.string(0x00100020)).containsExactly("ozp00SjY2xG");
            // A key the filter added is answered too.
            assertThat(answers.get(0).contains(0x00100030)).isTrue();
            assertThat(others).hasSize(2);
        }
    }
}
