package io.isengard.dicom.oracle;

import io.isengard.dicom.oracle.DumpDiff.Field;
import io.isengard.dicom.testing.Samples;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample file, read by our reader and by DCMTK's dcmdump, must list the
 * same elements with the same VR, length and value, meta group included,
 * except for the deliberate differences listed here with their reasons.
 */
@Execution(ExecutionMode.CONCURRENT)
class DcmdumpOracleTest {
    /** Empty: we read every sample as DCMTK does (Orthanc's tag dumps come from DCMTK's reading). */
    static final List<Deliberate> DELIBERATE = List.of();

    private static final AtomicInteger FILES = new AtomicInteger();
    private static final AtomicInteger ENTRIES = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();

    /** All samples but the one whose 112,000 levels of nesting crash dcmdump (see {@link DeeplyNestedSequenceTest}). */
    static Stream<Path> samples() {
        return OracleCheck.samplesOrNull(() -> Samples.dicomFiles().stream()
                .filter(p -> !p.endsWith(DeeplyNestedSequenceTest.SAMPLE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsAsDcmtkDoes(Path file) throws Exception {
        String name = Samples.dir().relativize(file).toString();
        OracleCheck.Outcome outcome = OracleCheck.assertSameAsDcmdump(file, name, DELIBERATE);
        FILES.incrementAndGet();
        ENTRIES.addAndGet(outcome.entries());
        ACCEPTED.addAndGet(outcome.accepted());
    }

    @AfterAll
    static void summary() {
        System.out.printf("dcmdump oracle: %d samples read as DCMTK does: %d elements, items and fragments,"
                + " %d deliberate differences%n",
                FILES.get(), ENTRIES.get(), ACCEPTED.get());
    }
}
