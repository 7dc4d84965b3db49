package io.isengard.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.isengard.dicom.DicomParseException;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.io.Mutator.Mutant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of randomly broken copies of small valid files (fixed seed, so a
 * failure replays): each read either succeeds or raises DicomParseException,
 * never another throwable, never a hang, never a large allocation.
 */
class MutationTest {
    private static final long SEED = 0x15E1_6A2DL;
    private static final int MUTANTS = 4000;
    /** Mutants stop coming after this, so that a slow machine still finishes in time. */
    private static final Duration BUDGET = Duration.ofSeconds(20);
    private static final int MIN_MUTANTS = 500;
    private static final List<ReadOptions> STREAM_OPTIONS = List.of(ReadOptions.DEFAULT, ReadOptions.HEADER_ONLY);
    private static final List<ReadOptions> PATH_OPTIONS = List.of(ReadOptions.DEFAULT, ReadOptions.HEADER_ONLY,
            ReadOptions.DEFAULT.withBulkDataThreshold(16));

    /**
     * A file to break from offset {@code from} on; a {@code deflateAfter} base is
     * a data set, broken before it is deflated into a file, to reach the parser.
     */
    private record Base(String name, byte[] bytes, int from, boolean deflated, boolean deflateAfter) {}

    @TempDir
    Path dir;

    private final List<String> failures = new ArrayList<>();
    private int succeeded;
    private int refused;
    private volatile String current = "";

    private static List<Base> bases() throws IOException {
        List<Base> bases = new ArrayList<>();
        for (Samples.Sample s : Samples.all()) {
            bases.add(new Base(s.name(), s.bytes(), 128, false, false));
        }
        byte[] deflated = Samples.write(Samples.dataSet(), TransferSyntax.DeflatedExplicitVRLittleEndian);
        bases.add(new Base("writer deflated (compressed bytes)", deflated, 128, true, false));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DicomWriter.writeDataSet(body, Samples.dataSet(), TransferSyntax.ExplicitVRLittleEndian);
        bases.add(new Base("writer deflated (data set before deflating)", body.toByteArray(), 0, true, true));
        return bases;
    }

    @Test
    void everyMutantReadsOrRaisesDicomParseException() throws Exception {
        List<Base> bases = bases();
        Mutator mutator = new Mutator(new Random(SEED));
        // In memory where possible: a disk file system may flush a file that is rewritten thousands of times.
        Path shm = Path.of("/dev/shm");
        Path file = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempFile(shm, "mutant", ".dcm")
                : dir.resolve("mutant.dcm");
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int[] done = {0};
        try {
            assertTimeoutPreemptively(BUDGET.plusSeconds(40), () -> {
                for (int i = 0; i < MUTANTS && System.nanoTime() < deadline && failures.size() < 20; i++) {
                    Base base = bases.get(i % bases.size());
                    Mutant m = mutator.mutate(base.bytes(), base.from());
                    byte[] input = base.deflateAfter() ? Deflated.file(m.bytes()) : m.bytes();
                    current = "mutant " + i + " of " + base.name() + ": " + m.description();
                    Files.write(file, input);
                    for (ReadOptions o : STREAM_OPTIONS) {
                        check(input, base.deflated(), o, "stream",
                                () -> DicomReader.read(new ByteArrayInputStream(input), o));
                    }
                    for (ReadOptions o : PATH_OPTIONS) {
                        check(input, base.deflated(), o, "path", () -> DicomReader.read(file, o));
                    }
                    done[0]++;
                }
            }, () -> "hung on " + current);
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(failures).as("mutants that raised something else than DicomParseException").isEmpty();
        assertThat(done[0]).as("mutants read within %s", BUDGET).isGreaterThanOrEqualTo(MIN_MUTANTS);
        System.out.printf("MutationTest: %d mutants of %d files, each read %d ways: %d reads succeeded, %d refused%n",
                done[0], bases.size(), STREAM_OPTIONS.size() + PATH_OPTIONS.size(), succeeded, refused);
    }

    private interface Read {
        DicomFile run() throws Exception;
    }

    private void check(byte[] input, boolean deflated, ReadOptions options, String how, Read read) {
        long before = Allocation.allocatedSoFar();
        Throwable thrown = null;
        try {
            read.run();
        } catch (Throwable t) {
            thrown = t;
        }
        long allocated = Allocation.allocatedSoFar() - before;
        if (thrown == null) {
            succeeded++;
        } else {
            refused++;
        }
        String where = current + " read from a " + how + " with " + options;
        if (thrown != null && thrown.getClass() != DicomParseException.class) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            failures.add(where + ":\n" + trace.toString().lines().limit(8).reduce((a, b) -> a + "\n" + b).orElse(""));
            return;
        }
        if (thrown instanceof DicomParseException e) {
            // Past the meta group of a deflated file, offsets count inflated bytes.
            boolean offsetInRange = e.offset() >= 0 && (deflated || e.offset() <= input.length);
            if (!offsetInRange || !e.getMessage().endsWith("(at byte offset " + e.offset() + ")")) {
                failures.add(where + ": bad offset or message: " + e.getMessage());
            }
        }
        if (Allocation.supported() && allocated > (32L << 20) + 64L * input.length) {
            failures.add(where + ": allocated " + allocated + " bytes for " + input.length + " bytes of input");
        }
    }
}
