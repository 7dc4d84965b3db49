package io.isengard.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.isengard.dicom.VR;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * DCMTK as the oracle: for each character set sample, every top-level text
 * value whose VR uses the Specific Character Set must decode as
 * {@code dcmdump +U8} prints it. Files DCMTK cannot convert are listed in
 * {@link #DCMTK_CANNOT_CONVERT} with the reason, and checked against the
 * standard's expected text instead.
 */
class DcmtkOracleTest {

    /**
     * Deliberate differences: DCMTK 3.6.7 on glibc iconv stops with "'ISO 2022
     * IR 87' is not supported by the utilized character set conversion library"
     * (glibc has no converter for JIS X 0208 alone under the name DCMTK asks
     * for), so dcmdump +U8 converts nothing. Our decoder reads them; the
     * expected text is PS3.5 Annex H (H.3.1 and H.3.2). If a DCMTK built with
     * ICU or GNU libiconv converts them, the normal comparison is made too.
     */
    static final Map<String, String> DCMTK_CANNOT_CONVERT = Map.of(
            "SCSH31", "Yamada^Tarou=山田^太郎=やまだ^たろう",
            "SCSH32", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");

    private static final Pattern LINE = Pattern.compile(
            "^\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\w\\w) \\[(.*)\\] *# *\\d+, *\\d+ \\S+$");

    @TestFactory
    Stream<DynamicTest> decodesAsDcmtk() throws IOException {
        String missing = Samples.missing();
        if (missing != null) {
            // A dynamic test, so that reports count a skip rather than nothing.
            return Stream.of(DynamicTest.dynamicTest("DCMTK oracle", () -> Samples.unavailable(missing)));
        }
        Path dir = Samples.dir().resolve("Encodings");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().forEach(files::add);
        }
        try (Stream<Path> s = Files.list(dir.resolve("DavidClunie"))) {
            s.filter(p -> p.getFileName().toString().startsWith("SCS")).sorted().forEach(files::add);
        }
        assertThat(files).as("samples in %s", dir).hasSizeGreaterThanOrEqualTo(20);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws Exception {
        String name = file.getFileName().toString();
        List<RawElements.Element> elements = RawElements.read(Files.readAllBytes(file));
        SpecificCharacterSet cs = characterSetOf(elements);
        Map<Integer, String> ours = new LinkedHashMap<>();
        for (RawElements.Element e : elements) {
            if (e.vr().usesSpecificCharacterSet()) {
                ours.put(e.tag(), trimPadding(cs.decode(e.value(), 0, e.value().length, e.vr())));
            }
        }

        Dump dump = dcmdumpU8(file);
        String expectedPatientName = DCMTK_CANNOT_CONVERT.get(name);
        if (!dump.ok()) {
            assertThat(expectedPatientName)
                    .as("dcmdump +U8 failed on %s, which is not a known DCMTK limitation:%n%s", name, dump.errors())
                    .isNotNull();
            assertThat(ours.get(0x00100010)).as("PatientName of %s (PS3.5 Annex H)", name)
                    .isEqualTo(expectedPatientName);
            return;
        }
        if (expectedPatientName != null) {
            assertThat(ours.get(0x00100010)).isEqualTo(expectedPatientName);
        }
        int compared = 0;
        for (Map.Entry<Integer, String> e : ours.entrySet()) {
            String theirs = dump.values().get(e.getKey());
            if (theirs != null) {
                assertThat(e.getValue()).as("%s (%08X)", name, e.getKey()).isEqualTo(theirs);
                compared++;
            }
        }
        assertThat(compared).as("values compared in %s", name).isGreaterThan(0);
        assertThat(ours).as("%s has a PatientName", name).containsKey(0x00100010);
    }

    private static SpecificCharacterSet characterSetOf(List<RawElements.Element> elements) {
        for (RawElements.Element e : elements) {
            if (e.tag() == 0x00080005) {
                String[] terms = new String(e.value(), StandardCharsets.US_ASCII).split("\\\\", -1);
                for (int i = 0; i < terms.length; i++) {
                    terms[i] = terms[i].strip();
                }
                return SpecificCharacterSet.of(terms);
            }
        }
        return SpecificCharacterSet.DEFAULT;
    }

    /** DCMTK drops trailing spaces (and NUL padding) when it prints a value. */
    private static String trimPadding(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    record Dump(boolean ok, Map<Integer, String> values, String errors) {}

    /** Top-level values as {@code dcmdump +U8 +L} prints them after converting the file to UTF-8. */
    private static Dump dcmdumpU8(Path file) throws Exception {
        Path out = Files.createTempFile("dcmdump", ".txt");
        Path err = Files.createTempFile("dcmdump", ".err");
        try {
            Process p = new ProcessBuilder("dcmdump", "+U8", "+L", "-q", file.toString())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("dcmdump timed out on " + file);
            }
            Map<Integer, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    int tag = (Integer.parseInt(m.group(1), 16) << 16) | Integer.parseInt(m.group(2), 16);
                    VR vr = VR.ofName(m.group(3));
                    if (vr != null && vr.usesSpecificCharacterSet()) {
                        values.put(tag, m.group(4));
                    }
                }
            }
            String errors = Files.readString(err, StandardCharsets.UTF_8);
            return new Dump(p.exitValue() == 0 && !values.isEmpty(), values, errors);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Finds the shared samples and DCMTK, or aborts the tests visibly (fails under ISENGARD_REQUIRE_SAMPLES=true). */
    static final class Samples {
        private Samples() {}

        /** Why the oracle cannot run here, or null if it can. */
        static String missing() {
            Path dir = dir();
            if (!Files.isDirectory(dir.resolve("Encodings"))) {
                return "DICOM samples not found at " + dir + " (set -Disengard.samples or ISENGARD_DICOM_SAMPLES)";
            }
            try {
                Process p = new ProcessBuilder("dcmdump", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return null;
                }
            } catch (IOException e) {
                // reported below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "dcmdump (DCMTK) not found on PATH; install dcmtk";
        }

        static Path dir() {
            String prop = System.getProperty("isengard.samples");
            String env = System.getenv("ISENGARD_DICOM_SAMPLES");
            if (prop != null && !prop.isBlank()) {
                return Path.of(prop);
            }
            if (env != null && !env.isBlank()) {
                return Path.of(env);
            }
            String repo = System.getProperty("isengard.repo");
            Path base = repo != null && !repo.isBlank()
                    ? Path.of(repo)
                    : Path.of("").toAbsolutePath().getParent();
            return base.resolve("../shared/dicom-samples").normalize();
        }

        static void unavailable(String why) {
            if ("true".equalsIgnoreCase(System.getenv("ISENGARD_REQUIRE_SAMPLES"))) {
                fail(why + " and ISENGARD_REQUIRE_SAMPLES=true");
            }
            System.err.println("SKIPPED DcmtkOracleTest: " + why);
            Assumptions.abort(why);
        }
    }
}
