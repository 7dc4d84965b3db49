package io.isengard.dicom.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the shared sample files are: system property {@code isengard.samples},
 * else environment variable {@code ISENGARD_DICOM_SAMPLES}, else
 * {@code <repo>/../shared/dicom-samples}. Tests that need them are skipped
 * with a message when they are absent, or fail if
 * {@code ISENGARD_REQUIRE_SAMPLES=true}.
 */
public final class Samples {
    private Samples() {}

    /** The samples folder; aborts (or fails) the calling test if it is absent. */
    public static Path dir() {
        Path dir = locate();
        if (!Files.isDirectory(dir)) {
            String message = "DICOM samples not found at " + dir
                    + " (set -Disengard.samples=... or ISENGARD_DICOM_SAMPLES)";
            if ("true".equalsIgnoreCase(System.getenv("ISENGARD_REQUIRE_SAMPLES"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return dir;
    }

    /** A file of the samples folder; aborts (or fails) the calling test if it is absent. */
    public static Path get(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.exists(file)) {
            String message = "DICOM sample " + relative + " not found in " + file.getParent();
            if ("true".equalsIgnoreCase(System.getenv("ISENGARD_REQUIRE_SAMPLES"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return file;
    }

    private static Path locate() {
        String p = System.getProperty("isengard.samples");
        if (p == null || p.isBlank()) {
            p = System.getenv("ISENGARD_DICOM_SAMPLES");
        }
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        String repo = System.getProperty("isengard.repo", System.getProperty("user.dir"));
        return Path.of(repo).toAbsolutePath().resolve("../shared/dicom-samples").normalize();
    }
}
