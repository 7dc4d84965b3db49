package io.isengard.dicom.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.oracle.DumpDiff.Difference;
import io.isengard.dicom.oracle.DumpDiff.Field;
import io.isengard.dicom.testing.Dcmtk;
import io.isengard.dicom.testing.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample file, read by our reader and by DCMTK's dcmdump, must list the
 * same elements with the same VR, length and value, meta group included,
 * except for the deliberate differences listed here with their reasons.
 */
class DcmdumpOracleTest {
    /** DCMTK's names of the transfer syntaxes the samples use. */
    private static final Map<String, String> SYNTAX_UIDS = Map.ofEntries(
            Map.entry("Little Endian Implicit", "1.2.840.10008.1.2"),
            Map.entry("Little Endian Explicit", "1.2.840.10008.1.2.1"),
            Map.entry("Deflated Explicit VR Little Endian", "1.2.840.10008.1.2.1.99"),
            Map.entry("Big Endian Explicit", "1.2.840.10008.1.2.2"),
            Map.entry("JPEG Baseline", "1.2.840.10008.1.2.4.50"),
            Map.entry("JPEG Extended, Process 2+4", "1.2.840.10008.1.2.4.51"),
            Map.entry("JPEG Lossless, Non-hierarchical, Process 14", "1.2.840.10008.1.2.4.57"),
            Map.entry("JPEG Lossless, Non-hierarchical, 1st Order Prediction", "1.2.840.10008.1.2.4.70"),
            Map.entry("JPEG-LS Lossless", "1.2.840.10008.1.2.4.80"),
            Map.entry("JPEG-LS Lossy (Near-lossless)", "1.2.840.10008.1.2.4.81"),
            Map.entry("JPEG 2000 (Lossless only)", "1.2.840.10008.1.2.4.90"),
            Map.entry("JPEG 2000 (Lossless or Lossy)", "1.2.840.10008.1.2.4.91"),
            Map.entry("RLE Lossless", "1.2.840.10008.1.2.5"));

    private static final String META_LENGTH_COVERS_0008 = "its meta group length (0002,0000) also covers the"
            + " (0008,0000) that follows group 0002: DCMTK takes that element into the meta group (with a warning),"
            + " we end the meta group with group 0002, so (0008,0000) stays in the data set where it belongs";

    static final List<Deliberate> DELIBERATE = List.of(
            new Deliberate("TransferSyntaxes/1.2.840.10008.1.2.4.50.dcm", "meta:(0008,0000)", Field.MISSING,
                    META_LENGTH_COVERS_0008),
            new Deliberate("TransferSyntaxes/1.2.840.10008.1.2.4.50.dcm", "(0008,0000)", Field.EXTRA,
                    META_LENGTH_COVERS_0008));

    private static final AtomicInteger FILES = new AtomicInteger();
    private static final AtomicInteger ENTRIES = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();

    /** All samples but the one whose 112,000 levels of nesting crash dcmdump (see {@link DeeplyNestedSequenceTest}). */
    static Stream<Path> samples() {
        return Samples.dicomFiles().stream().filter(p -> !p.endsWith(DeeplyNestedSequenceTest.SAMPLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsAsDcmtkDoes(Path file) throws Exception {
        String name = Samples.dir().relativize(file).toString();
        Dcmtk.Result r = Dcmtk.run("dcmdump", "-q", "+L", "-Un", "+Qn", file.toString());
        assertThat(r.exitCode()).as("dcmdump exit code, stderr: %s", r.stderr()).isZero();
        Dump dcmtk = DcmdumpParser.parse(r.stdout());
        DicomFile ours = DicomReader.read(file, ReadOptions.DEFAULT);
        Dump mine = DcmdumpRenderer.render(ours);

        List<Difference> diffs = new ArrayList<>();
        if (!dcmtk.metaSyntax().equals(mine.metaSyntax())) {
            diffs.add(new Difference("meta", Field.SYNTAX, dcmtk.metaSyntax(), mine.metaSyntax()));
        }
        String dcmtkSyntax = SYNTAX_UIDS.get(dcmtk.dataSetSyntax());
        assertThat(dcmtkSyntax).as("UID of DCMTK's transfer syntax name '%s' (add it to SYNTAX_UIDS)",
                dcmtk.dataSetSyntax()).isNotNull();
        if (!dcmtkSyntax.equals(mine.dataSetSyntax())) {
            diffs.add(new Difference("data set", Field.SYNTAX, dcmtkSyntax, mine.dataSetSyntax()));
        }
        diffs.addAll(DumpDiff.compare("meta:", dcmtk.meta(), mine.meta()));
        diffs.addAll(DumpDiff.compare("", dcmtk.dataSet(), mine.dataSet()));

        List<Deliberate> allowed = Deliberate.forFile(DELIBERATE, name);
        List<Difference> unexpected = diffs.stream().filter(d -> allowed.stream().noneMatch(a -> a.covers(name, d)))
                .toList();
        List<Deliberate> unused = allowed.stream().filter(a -> diffs.stream().noneMatch(d -> a.covers(name, d)))
                .toList();
        FILES.incrementAndGet();
        ENTRIES.addAndGet(dcmtk.meta().size() + dcmtk.dataSet().size());
        ACCEPTED.addAndGet(diffs.size() - unexpected.size());

        StringBuilder sb = new StringBuilder();
        unexpected.forEach(d -> sb.append(d).append('\n'));
        assertThat(unexpected).as("%s differs from dcmdump's listing:\n%s", name, sb).isEmpty();
        assertThat(unused).as("deliberate differences that no longer occur in %s (remove them)", name).isEmpty();
    }

    @AfterAll
    static void summary() {
        System.out.printf("dcmdump oracle: %d files, %d elements, items and fragments compared, %d deliberate differences%n",
                FILES.get(), ENTRIES.get(), ACCEPTED.get());
    }
}
