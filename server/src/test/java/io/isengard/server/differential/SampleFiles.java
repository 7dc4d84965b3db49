package io.isengard.server.differential;

import io.isengard.server.testing.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared public sample files as the differential tests use them (found
 * by {@link Samples}): every DICOM candidate, one by name, and the one never
 * to send to the reference.
 */
final class SampleFiles {
    /** Segfaults Orthanc 1.10.1: only ever sent to Isengard. */
    static final String DEEPLY_NESTED = "2026-05-06-Deeply-Nested-Sequence.dcm";

    private SampleFiles() {}

    static Path dir() {
        return Samples.dir();
    }

    /** One sample; its absence skips the test visibly (fails with ISENGARD_REQUIRE_SAMPLES=true). */
    static Path get(String relative) {
        Path p = Samples.get(relative);
        if (!Files.isRegularFile(p)) {
            String message = "DICOM sample " + p + " not found";
            if ("true".equalsIgnoreCase(System.getenv("ISENGARD_REQUIRE_SAMPLES"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return p;
    }

    /** Every sample but pictures, JSON, notes and raw pixel dumps, sorted by path (files without extension included). */
    static List<Path> dicomFiles() {
        Path dir = dir();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(SampleFiles::isCandidate).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isCandidate(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !(name.endsWith(".png") || name.endsWith(".json") || name.endsWith(".md") || name.endsWith(".raw"));
    }

    /** The path relative to the sample folder, with '/' separators: how reports name a sample. */
    static String name(Path p) {
        return dir().relativize(p).toString().replace('\\', '/');
    }
}
