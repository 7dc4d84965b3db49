package io.isengard.server.differential;

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
 * The shared public sample files (never committed): from system property
 * {@code isengard.samples}, else env {@code ISENGARD_DICOM_SAMPLES}, else
 * {@code <repo>/../shared/dicom-samples}. Tests abort visibly when they are
 * absent, or fail if env {@code ISENGARD_REQUIRE_SAMPLES=true}.
 */
final class SampleFiles {
    /** Segfaults Orthanc 1.10.1: only ever sent to Isengard. */
    static final String DEEPLY_NESTED = "2026-05-06-Deeply-Nested-Sequence.dcm";

    private SampleFiles() {}

    static Path dir() {
        String configured = System.getProperty("isengard.samples");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("ISENGARD_DICOM_SAMPLES");
        }
        Path dir = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("isengard.repo", ".")).resolve("../shared/dicom-samples");
        dir = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            missing("DICOM sample folder " + dir + " not found (set -Disengard.samples or ISENGARD_DICOM_SAMPLES)");
        }
        return dir;
    }

    static Path get(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.isRegularFile(p)) {
            missing("DICOM sample " + p + " not found");
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

    private static void missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("ISENGARD_REQUIRE_SAMPLES"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }
}
