package io.isengard.dicom.net.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

/** Compares files by dcmdump's dump of their data set (the meta group differs between copies by design). */
public final class DataSetDumps {
    private DataSetDumps() {}

    /** dcmdump's lines from "# Dicom-Data-Set" on, transfer syntax line included. */
    public static List<String> of(Path file) {
        Dcmtk.Result r = Dcmtk.run(60, "dcmdump", "+L", file.toString());
        assertThat(r.exitCode()).as("dcmdump %s: %s", file, r.output()).isZero();
        List<String> lines = r.output().lines().toList();
        int start = lines.indexOf("# Dicom-Data-Set");
        assertThat(start).as("dcmdump %s found a data set:%n%s", file, r.output()).isGreaterThanOrEqualTo(0);
        return lines.subList(start, lines.size()).stream().filter(l -> !l.contains("DelimitationItem"))
                .map(DataSetDumps::withoutLengths).toList();
    }

    /** The file as DCMTK converts it to another transfer syntax ({@code dcmconv +ti/+te/+tb/+td}). */
    public static Path converted(Path file, String dcmconvOption, Path dir) {
        Path out = dir.resolve("expected" + dcmconvOption.replace('+', '_') + "-" + file.getFileName());
        Dcmtk.Result r = Dcmtk.run(60, "dcmconv", dcmconvOption, file.toString(), out.toString());
        assertThat(r.exitCode()).as("dcmconv: %s", r.output()).isZero();
        return out;
    }

    /**
     * A dump line without what only says how lengths were encoded: the
     * sender may re-encode sequences and items with explicit or undefined
     * lengths (storescu does), which changes no value.
     */
    private static String withoutLengths(String line) {
        int comment = line.lastIndexOf(" #");
        String s = comment > 0 && !line.startsWith("#") ? line.substring(0, comment).stripTrailing() : line;
        return s.replaceAll("\\((Sequence|Item) with (undefined|explicit) length #=(\\d+)\\)", "($1 #=$3)");
    }

    public static void assertSameDataSet(Path actual, Path expected) {
        List<String> a = of(actual);
        List<String> e = of(expected);
        List<String> missing = e.stream().filter(l -> !a.contains(l)).toList();
        List<String> extra = a.stream().filter(l -> !e.contains(l)).toList();
        assertThat(a).as("data set of %s (dcmdump) against %s; lines missing: %s; lines extra: %s", actual, expected,
                missing, extra).isEqualTo(e);
    }
}
