package io.isengard.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /instances/{id}/modify (modify-anonymize-archive.md) compared with
 * Debian's Orthanc: the answered files, dumped by DCMTK's dcmdump, are the
 * same but for the regenerated UIDs, the meta group (each writes its own
 * implementation) and how sequence lengths are encoded; refused requests
 * answer the same errors.
 */
class InstanceModifyDifferentialTest {
    private static final List<String> SAMPLES = List.of("DummyCT.dcm", "2019-06-17-VedranZdesic.dcm",
            "ColorTestMalaterre.dcm");
    private static final List<String> BODIES = List.of(
            "{}",
            "{\"Replace\": {\"PatientName\": \"Modified^Name\", \"0010,1010\": \"042Y\", \"StudyDescription\": \"d\"},"
                    + " \"Remove\": [\"SeriesDescription\", \"0008-0080\"]}",
            "{\"RemovePrivateTags\": true, \"Replace\": {\"InstitutionName\": \"Hôpital\"}}",
            "{\"Replace\": {\"Rows\": \"12\", \"ReferencedImageSequence\": [{\"ReferencedSOPClassUID\": \"1.2.3\"}]}}",
            "{\"Replace\": {\"StudyInstanceUID\": \"1.2.3.4\"}, \"Force\": true}",
            "{\"Replace\": {\"PatientID\": \"new\"}, \"Force\": true}",
            "{\"Keep\": [\"SOPInstanceUID\"], \"Force\": true}");
    private static final List<String> REFUSED = List.of(
            "not json",
            "[]",
            "{\"Replace\": {\"PatientID\": \"x\"}}",
            "{\"Remove\": [\"StudyInstanceUID\"]}",
            "{\"Keep\": [\"SOPInstanceUID\"]}",
            "{\"RemovePrivateTags\": 1}",
            "{\"Replace\": {\"NoSuchTag\": \"x\"}}");

    private static ServerPair pair;
    private static Path dir;

    @BeforeAll
    static void start() {
        pair = ServerPair.start(ServerPair.openConfiguration());
        dir = TestDirs.create("isengard-modify-diff-");
    }

    @AfterAll
    static void stop() {
        ServerPair.closeAll(pair);
        if (dir != null) {
            TestDirs.deleteRecursively(dir);
        }
    }

    @Test
    void modifiedFilesAreOrthancs() throws Exception {
        for (String sample : SAMPLES) {
            String id = pair.upload(sample).path("ID").asText();
            for (String body : BODIES) {
                String what = sample + " " + body;
                HttpAnswer reference = modify(pair.reference(), id, body);
                HttpAnswer isengard = modify(pair.candidate(), id, body);
                assertThat(isengard.status()).as(what).isEqualTo(reference.status()).isEqualTo(200);
                assertThat(isengard.header("Content-Type")).as(what).isEqualTo("application/dicom");
                assertThat(dump(isengard.body())).as(what).isEqualTo(dump(reference.body()));
            }
        }
    }

    @Test
    void regeneratedUidsAsOrthanc() throws Exception {
        String id = pair.upload("DummyCT.dcm").path("ID").asText();
        for (String body : BODIES) {
            assertThat(changedUids(pair.candidate(), id, body)).as(body)
                    .isEqualTo(changedUids(pair.reference(), id, body));
        }
    }

    @Test
    void refusedAsOrthancRefuses() {
        String id = pair.upload("DummyCT.dcm").path("ID").asText();
        for (String body : REFUSED) {
            HttpAnswer reference = modify(pair.reference(), id, body);
            HttpAnswer isengard = modify(pair.candidate(), id, body);
            assertThat(isengard.status()).as(body).isEqualTo(reference.status()).isGreaterThanOrEqualTo(400);
            ObjectNode r = (ObjectNode) reference.json();
            ObjectNode i = (ObjectNode) isengard.json();
            // Details are our own words, but for the Force messages, which clients show.
            if (body.contains("Force") || !r.path("Details").asText().startsWith("Marking")) {
                r.remove("Details");
                i.remove("Details");
            }
            assertThat(i).as(body).isEqualTo(r);
        }
        assertThat(modify(pair.candidate(), "nothing", "{}").status())
                .isEqualTo(modify(pair.reference(), "nothing", "{}").status());
    }

    private static HttpAnswer modify(RestClient client, String id, String body) {
        return client.send("POST", "/instances/" + id + "/modify", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Which of the study, series and instance UIDs changed. */
    private static List<Boolean> changedUids(RestClient client, String id, String body) throws Exception {
        String before = dumpRaw(client.get("/instances/" + id + "/file").body());
        String after = dumpRaw(modify(client, id, body).body());
        List<Boolean> changed = new ArrayList<>();
        for (String tag : List.of("(0020,000d)", "(0020,000e)", "(0008,0018)")) {
            changed.add(!line(before, tag).equals(line(after, tag)));
        }
        return changed;
    }

    private static String line(String dump, String tag) {
        return dump.lines().filter(l -> l.startsWith(tag)).findFirst().orElse("");
    }

    /**
     * The data set as dcmdump prints it, without what legitimately differs:
     * the meta group, UIDs generated by each server, explicit or undefined
     * lengths of sequences and items.
     */
    private static String dump(byte[] file) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String l : dumpRaw(file).lines().toList()) {
            if (l.startsWith("(0002,") || l.startsWith("#") || l.isBlank() || l.contains("(fffe,e00d)")
                    || l.contains("(fffe,e0dd)")) {
                continue;
            }
            l = l.replaceAll("\\[(2\\.25\\.|1\\.2\\.276\\.0\\.7230010\\.)[0-9.]*\\]", "[generated UID]");
            l = l.replaceAll("\\((Sequence|Item) with (explicit|undefined) length", "($1");
            l = l.replaceAll("#\\s*(u/l|\\d+),\\s*", "# ").replaceAll("#.*", "").stripTrailing();
            out.append(l).append('\n');
        }
        return out.toString();
    }

    private static String dumpRaw(byte[] file) throws Exception {
        Path f = Files.createTempFile(dir, "modified-", ".dcm");
        Files.write(f, file);
        Process p = new ProcessBuilder("dcmdump", "-q", "-M", f.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new UncheckedIOException(new IOException("dcmdump failed on the answer: " + text));
        }
        return text;
    }
}
