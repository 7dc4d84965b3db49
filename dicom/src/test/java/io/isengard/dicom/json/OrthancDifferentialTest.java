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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.isengard.dicom.dictionary.DictionaryEntry;
import io.isengard.dicom.dictionary.ElementDictionary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * Our tag dumps against a real Orthanc's, for every sample file: each file is
 * uploaded to a private Debian Orthanc (1.10.1 here), its {@code /tags} (full
 * and short) and {@code /header} compared with ours, and deleted again.
 * Skipped, with a message, where {@code /usr/sbin/Orthanc} is absent.
 *
 * <p>Names are not compared strictly: Orthanc takes them from the DCMTK
 * dictionary it runs with (3.6.7's for Debian's 1.10.1; (0010,1000) excepted,
 * which Orthanc names OtherPatientIDs itself), ours from our generated
 * dictionary; the reference tests pin them. Differences of name are listed in the test output. Orthanc
 * 1.10.1 stops at the pixel data (like 1.12 without {@code whole}), so we do too.
 * Other accepted differences, each explained where it is accepted: Orthanc's yen signs for
 * JIS X 0201 backslashes, and its nulls for "US or SS" elements of implicit VR files.
 * The sample that crashes Orthanc is never sent to it.
 */
class OrthancDifferentialTest {
    private static final String NEVER_UPLOAD = "2026-05-06-Deeply-Nested-Sequence.dcm";

    /**
     * Orthanc 1.10.1's decoding of JIS X 0201 (ISO 2022 IR 13), where we follow
     * PS3.5 §6.1.2.5.3 and the character set module: Orthanc turns every
     * backslash delimiter into a yen sign (even in CS, DS, and (0008,0005)), and
     * leaves the JIS X 0208 part of SCSH32's name undecoded.
     */
    private static final Map<String, List<String>> ORTHANC_JIS_BUGS = Map.of(
            "SCSH32", List.of("[\"0010,0010\"]"));

    private static OrthancProcess orthanc;

    /** Called by the test factory, so that a missing Orthanc or dictionary shows as a skipped test. */
    private static void startOrthanc() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(OrthancProcess.BINARY),
                "differential test skipped: no Orthanc at " + OrthancProcess.BINARY);
        Samples.dir();
        BuiltInDictionary.require();
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
    Stream<DynamicTest> sameTagsAsOrthanc() throws IOException, InterruptedException {
        try {
            startOrthanc();
        } catch (TestAbortedException e) {
            // An aborted factory is not reported by Surefire; an aborted test is, with its reason.
            return Stream.of(DynamicTest.dynamicTest("differential test against Orthanc", () -> {
                throw e;
            }));
        }
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
                        (path, pair) -> acceptedDifference(path, pair, names))));
            }
            OrthancJsonOptions header = OrthancJsonOptions.HEADER.withDictionary(options.dictionary());
            differences.addAll(prefixed("header", JsonDiff.diff(
                    JsonParser.parse(orthanc.get("/instances/" + id + "/header").body()),
                    JsonParser.parse(OrthancJson.toJson(ours.meta(), OrthancFormat.FULL, header)),
                    (path, pair) -> acceptedDifference(path, pair, names))));
            List<String> accepted = new ArrayList<>(ORTHANC_JIS_BUGS.getOrDefault(file.getFileName().toString(),
                    List.of()));
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

    private static boolean acceptedDifference(String path, Object[] pair, List<String> names) {
        if (path.endsWith("[\"Name\"]")) {
            names.add(path + ": " + pair[0] + " vs " + pair[1]);
            return true;
        }
        return pair[0] instanceof String e && pair[1] instanceof String a && e.contains("\u00a5")
                && e.replace('\u00a5', '\\').equals(a)
                || ambiguousVR(path) && pair[0] == null | "Null".equals(pair[0]);
    }

    private static final Pattern TAG_IN_PATH = Pattern.compile("\\[\"([0-9a-f]{4}),([0-9a-f]{4})\"\\]");

    /**
     * Orthanc 1.10.1 shows null for an element whose VR DCMTK left undecided
     * ("US or SS" read from an implicit VR file, e.g. palette descriptors); our
     * reader decides by Pixel Representation and we show the numbers.
     */
    private static boolean ambiguousVR(String path) {
        Matcher m = TAG_IN_PATH.matcher(path);
        int tag = -1;
        while (m.find()) {
            tag = Integer.parseInt(m.group(1) + m.group(2), 16);
        }
        DictionaryEntry e = tag == -1 ? null : ElementDictionary.lookup(tag);
        return e != null && e.vrs().size() > 1;
    }

    private static List<String> prefixed(String what, List<String> differences) {
        return differences.stream().map(d -> what + " " + d).toList();
    }
}
