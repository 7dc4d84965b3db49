package io.isengard.dicom.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.oracle.Dump.Entry;
import io.isengard.dicom.testing.Dcmtk;
import io.isengard.dicom.testing.Samples;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The character set samples decode as DCMTK decodes them: every value whose
 * VR the Specific Character Set applies to (PatientName first of all), in
 * every item, must be the text {@code dcmdump +U8} converts it to.
 */
@Execution(ExecutionMode.CONCURRENT)
class CharacterSetOracleTest {
    private static final Set<String> CHARSET_VRS = Set.of("SH", "LO", "ST", "LT", "UC", "UT", "PN");

    /**
     * Samples DCMTK cannot convert, and what it says: for these we check that it
     * still cannot, and compare PatientName with the text of PS3.5 Annex H instead.
     */
    static final Map<String, String> DCMTK_CANNOT_CONVERT = Map.of(
            "Encodings/DavidClunie/SCSH31", "'ISO 2022 IR 87' is not supported by the utilized character set"
                    + " conversion library 'GNU C library (iconv)",
            "Encodings/DavidClunie/SCSH32", "'ISO 2022 IR 87' is not supported by the utilized character set"
                    + " conversion library 'GNU C library (iconv)");

    /** PatientName of the Annex H samples (H.3.1 and H.3.2). */
    private static final Map<String, String> ANNEX_H = Map.of(
            "Encodings/DavidClunie/SCSH31", "Yamada^Tarou=山田^太郎=やまだ^たろう",
            "Encodings/DavidClunie/SCSH32", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");

    private static final Pattern ENTITY = Pattern.compile("&(#(\\d+)|lt|gt|amp|quot|apos);");
    private static final AtomicInteger VALUES = new AtomicInteger();

    static Stream<Path> samples() {
        return OracleCheck.samplesOrNull(() -> Samples.dicomFiles().stream().filter(p -> {
            String rel = Samples.dir().relativize(p).toString();
            return rel.matches("Encodings/[^/]+") || rel.startsWith("Encodings/DavidClunie/SCS");
        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesAsDcmtkDoes(Path file) throws Exception {
        String name = Samples.dir().relativize(file).toString();
        Dcmtk.Result r = Dcmtk.run("dcmdump", "+U8", "+L", "-Un", "+Qn", file.toString());
        String cannot = DCMTK_CANNOT_CONVERT.get(name);
        if (cannot != null) {
            assertThat(r.stderr()).as("DCMTK now converts %s: compare it instead (remove it from DCMTK_CANNOT_CONVERT)",
                    name).contains(cannot);
            DataSet ds = DicomReader.read(file, ReadOptions.DEFAULT).dataSet();
            assertThat(ds.string(0x00100010)).as("PatientName of %s (PS3.5 Annex H)", name).isEqualTo(ANNEX_H.get(name));
            return;
        }
        assertThat(r.exitCode()).as("dcmdump +U8 %s, stderr: %s", name, r.stderr()).isZero();
        Dump dcmtk = DcmdumpParser.parse(r.stdout());

        DicomFile ours = DicomReader.read(file, ReadOptions.DEFAULT);
        Map<String, Located> located = new HashMap<>();
        locate(ours.dataSet(), "", located);
        List<String> differences = new ArrayList<>();
        int compared = 0;
        boolean patientName = false;
        for (Entry e : dcmtk.dataSet()) {
            if (!CHARSET_VRS.contains(e.vr()) || !e.value().startsWith("[")) {
                continue;
            }
            String expected = utf8(e.value().substring(1, e.value().length() - 1));
            Located l = located.get(e.key());
            if (l == null) {
                differences.add(e.key() + ": DCMTK has " + expected + ", we have no such element");
                continue;
            }
            String actual = decoded(l.owner(), l.index());
            compared++;
            patientName |= e.key().equals("(0010,0010)");
            if (!expected.equals(actual)) {
                differences.add(e.key() + " " + e.vr() + ": DCMTK [" + expected + "], ours [" + actual + "]");
            }
        }
        VALUES.addAndGet(compared);
        assertThat(differences).as("%s (%s) decodes differently from dcmdump +U8:\n%s", name,
                ours.dataSet().specificCharacterSet().definedTerms(), String.join("\n", differences)).isEmpty();
        assertThat(patientName).as("%s: PatientName compared", name).isTrue();
    }

    @AfterAll
    static void summary() {
        System.out.printf("character sets: %d text values decoded as dcmdump +U8 does%n", VALUES.get());
    }

    private record Located(DataSet owner, int index) {}

    /** Our elements under the keys {@link DcmdumpParser} gives DCMTK's. */
    private static void locate(DataSet ds, String prefix, Map<String, Located> out) {
        for (int i = 0; i < ds.size(); i++) {
            String key = prefix + "(" + Tag.toString(ds.tagAt(i)) + ")";
            out.put(key, new Located(ds, i));
            if (ds.valueAt(i) instanceof Sequence s) {
                for (int k = 0; k < s.size(); k++) {
                    locate(s.get(k), key + "[" + k + "].", out);
                }
            }
        }
    }

    /** Our decoding of the whole value, with the trailing spaces DCMTK removes removed. */
    private static String decoded(DataSet owner, int index) {
        byte[] b = (byte[]) owner.valueAt(index);
        VR vr = owner.vrAt(index);
        String s = owner.specificCharacterSet().decode(b, 0, b.length, vr);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /** dcmdump's {@code +Qn} quoting undone: the bytes of its UTF-8 output, decoded. */
    static String utf8(String quoted) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Matcher m = ENTITY.matcher(quoted);
        int at = 0;
        while (m.find()) {
            bytes.writeBytes(quoted.substring(at, m.start()).getBytes(StandardCharsets.ISO_8859_1));
            String entity = m.group(1);
            int b = switch (entity) {
                case "lt" -> '<';
                case "gt" -> '>';
                case "amp" -> '&';
                case "quot" -> '"';
                case "apos" -> '\'';
                default -> Integer.parseInt(m.group(2));
            };
            bytes.write(b);
            at = m.end();
        }
        bytes.writeBytes(quoted.substring(at).getBytes(StandardCharsets.ISO_8859_1));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
