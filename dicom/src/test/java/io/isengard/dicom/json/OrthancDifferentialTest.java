package io.isengard.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.testing.Samples;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Our tag dumps against a real Orthanc's, for every sample file: each file is
 * uploaded to a private Debian Orthanc (1.10.1 here), its {@code /tags} (full
 * and short) and {@code /header} compared with ours, and deleted again.
 * Skipped, with a message, where {@code /usr/sbin/Orthanc} is absent.
 *
 * <p>Names are not compared strictly: Orthanc takes them from the DCMTK it was
 * built with (3.6.7 for Debian's 1.10.1, without the RETIRED_ prefix of 3.6.8+
 * that Orthanc 1.12 shows), ours from our generated dictionary; the reference
 * tests pin them. Differences of name are listed in the test output. Orthanc
 * 1.10.1 stops at the pixel data (like 1.12 without {@code whole}), so we do too.
 * The sample that crashes Orthanc is never sent to it.
 */
class OrthancDifferentialTest {
    private static final String NEVER_UPLOAD = "2026-05-06-Deeply-Nested-Sequence.dcm";

    /**
     * Files whose meta information group ends elsewhere for DCMTK than for our
     * reader (a reader matter, not one of these formats): differences on the
     * listed elements are accepted for them.
     */
    private static final Map<String, List<String>> META_BOUNDARY = Map.of(
            // (0008,0000) is counted in the meta group length: DCMTK shows it in /header, not in /tags.
            "1.2.840.10008.1.2.4.50.dcm", List.of("[\"0008,0000\"]"),
            // A second (0002,0003) after the meta group: DCMTK keeps it in the data set.
            "PilatesArgenturGEUltrasoundOsiriX.dcm", List.of("[\"0002,0003\"]"));

    private static OrthancProcess orthanc;

    @BeforeAll
    static void startOrthanc() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(OrthancProcess.BINARY),
                "differential test skipped: no Orthanc at " + OrthancProcess.BINARY);
        Samples.dir();
        orthanc = OrthancProcess.start("""
                "Dictionary": {
                  "00e1,10c2": ["UI", "PET-CT Multi Modality Name", 1, 1, "ELSCINT1"],
                  "7053,1003": ["ST", "Original Image Filename", 1, 1, "Philips PET Private Group"]
                }""");
    }

    @AfterAll
    static void stopOrthanc() throws IOException {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> sameTagsAsOrthanc() throws IOException {
        Path dir = Samples.dir();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(OrthancDifferentialTest::isDicomCandidate).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(dir.relativize(f).toString(), () -> compare(f)));
    }

    private static boolean isDicomCandidate(Path f) {
        String name = f.getFileName().toString();
        return !name.equals(NEVER_UPLOAD) && (name.endsWith(".dcm") || !name.contains("."));
    }

    private void compare(Path file) throws Exception {
        HttpResponse<String> upload = orthanc.post("/instances", file);
        Assumptions.assumeTrue(upload.statusCode() == 200, "Orthanc refused " + file.getFileName());
        Map<?, ?> answer = (Map<?, ?>) JsonParser.parse(upload.body());
        String id = (String) answer.get("ID");
        if ("AlreadyStored".equals(answer.get("Status"))) {
            // Another sample with the same UIDs was left behind: replace it with this one.
            orthanc.delete("/instances/" + id);
            upload = orthanc.post("/instances", file);
        }
        try {
            DicomFile ours = DicomReader.read(file, ReadOptions.DEFAULT);
            OrthancJsonOptions options = OrthancJsonOptions.TAGS.withDictionary(OrthancReferenceTest.ORTHANC_TEST_DICTIONARY);
            List<String> differences = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (OrthancFormat format : List.of(OrthancFormat.FULL, OrthancFormat.SHORT)) {
                String query = format == OrthancFormat.FULL ? "" : "?short";
                differences.addAll(prefixed("tags" + query, JsonDiff.diff(
                        JsonParser.parse(orthanc.get("/instances/" + id + "/tags" + query).body()),
                        JsonParser.parse(OrthancJson.toJson(ours.dataSet(), format, options)),
                        (path, pair) -> nameOnly(path, pair, names))));
            }
            OrthancJsonOptions header = OrthancJsonOptions.HEADER.withDictionary(options.dictionary());
            differences.addAll(prefixed("header", JsonDiff.diff(
                    JsonParser.parse(orthanc.get("/instances/" + id + "/header").body()),
                    JsonParser.parse(OrthancJson.toJson(ours.meta(), OrthancFormat.FULL, header)),
                    (path, pair) -> nameOnly(path, pair, names))));
            List<String> accepted = META_BOUNDARY.getOrDefault(file.getFileName().toString(), List.of());
            differences.removeIf(d -> accepted.stream().anyMatch(d::contains));
            if (!names.isEmpty()) {
                System.out.println(file.getFileName() + ": " + names.size() + " names differ from Orthanc's, e.g. "
                        + names.get(0));
            }
            assertThat(differences).as("differences from Orthanc for %s", file).isEmpty();
        } finally {
            orthanc.delete("/instances/" + id);
        }
    }

    private static boolean nameOnly(String path, Object[] pair, List<String> names) {
        if (path.endsWith("[\"Name\"]")) {
            names.add(path + ": " + pair[0] + " vs " + pair[1]);
            return true;
        }
        return false;
    }

    private static List<String> prefixed(String what, List<String> differences) {
        return differences.stream().map(d -> what + " " + d).toList();
    }
}
