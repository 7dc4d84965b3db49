package io.isengard.dicom.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.isengard.dicom.DicomParseException;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.testing.Samples;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A file nesting sequences 112,000 levels deep (it makes dcmdump overflow its
 * stack, so DCMTK is never run on it): the reader must refuse it with a
 * typed error, quickly, without overflowing its own stack.
 */
class DeeplyNestedSequenceTest {
    static final String SAMPLE = "2026-05-06-Deeply-Nested-Sequence.dcm";

    @Test
    @Timeout(10)
    void refusesNestingBeyondTheLimit() {
        Path file = Samples.get(SAMPLE);
        long start = System.nanoTime();
        Throwable t = catchThrowable(() -> DicomReader.read(file, ReadOptions.DEFAULT));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(t).isInstanceOf(DicomParseException.class).hasMessageContaining("nested deeper");
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    @Timeout(10)
    void refusesItInHeaderOnlyModeToo() {
        Path file = Samples.get(SAMPLE);
        Throwable t = catchThrowable(() -> DicomReader.read(file, ReadOptions.HEADER_ONLY));
        assertThat(t).isInstanceOf(DicomParseException.class).hasMessageContaining("nested deeper");
    }
}
