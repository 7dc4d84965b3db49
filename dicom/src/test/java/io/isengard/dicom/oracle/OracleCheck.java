package io.isengard.dicom.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.oracle.DumpDiff.Difference;
import io.isengard.dicom.oracle.DumpDiff.Field;
import io.isengard.dicom.testing.Dcmtk;
import io.isengard.dicom.testing.Samples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/** Reads a file with our reader and with dcmdump, and asserts that both list the same. */
final class OracleCheck {
    /** DCMTK's names of transfer syntaxes. */
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

    private OracleCheck() {}

    /**
     * Sample files for a parameterized test, or, when the sample folder is
     * missing, a single null: the test then runs once and its call to
     * {@link Samples#dir()} skips it with the message. (A source that aborts
     * makes the test vanish from the reports instead.)
     */
    static Stream<Path> samplesOrNull(Supplier<Stream<Path>> files) {
        try {
            return files.get();
        } catch (TestAbortedException e) {
            return Stream.of((Path) null);
        }
    }

    /** dcmdump's listing: complete values, UIDs as numbers, every non-ASCII or markup character quoted. */
    static Dump dcmdump(Path file) {
        Dcmtk.Result r = Dcmtk.run("dcmdump", "-q", "+L", "-Un", "+Qn", file.toString());
        assertThat(r.exitCode()).as("dcmdump %s exit code, stderr: %s", file, r.stderr()).isZero();
        return DcmdumpParser.parse(r.stdout());
    }

    static Dump ours(Path file) throws IOException {
        DicomFile f = DicomReader.read(file, ReadOptions.DEFAULT);
        return DcmdumpRenderer.render(f);
    }

    /** Every difference between the two listings, transfer syntaxes included. */
    static List<Difference> differences(Dump dcmtk, Dump mine) {
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
        return diffs;
    }

    /**
     * Asserts that {@code file} reads as dcmdump lists it, but for the
     * deliberate differences given for {@code name}, each of which must still occur.
     *
     * @return how many entries were compared, and how many differences were accepted as deliberate
     */
    static Outcome assertSameAsDcmdump(Path file, String name, List<Deliberate> deliberate) throws IOException {
        Dump dcmtk = dcmdump(file);
        List<Difference> diffs = differences(dcmtk, ours(file));
        List<Deliberate> allowed = Deliberate.forFile(deliberate, name);
        List<Difference> unexpected = diffs.stream().filter(d -> allowed.stream().noneMatch(a -> a.covers(name, d)))
                .toList();
        List<Deliberate> unused = allowed.stream().filter(a -> diffs.stream().noneMatch(d -> a.covers(name, d)))
                .toList();
        StringBuilder sb = new StringBuilder();
        unexpected.forEach(d -> sb.append(d).append('\n'));
        assertThat(unexpected).as("%s differs from dcmdump's listing:\n%s", name, sb).isEmpty();
        assertThat(unused).as("deliberate differences that no longer occur in %s (remove them)", name).isEmpty();
        return new Outcome(dcmtk.meta().size() + dcmtk.dataSet().size(), diffs.size());
    }

    record Outcome(int entries, int accepted) {}
}
