package io.isengard.dicom.net.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared sample files (read in place, never copied into the repository):
 * system property {@code isengard.samples}, else {@code ISENGARD_DICOM_SAMPLES},
 * else {@code <repo>/../shared/dicom-samples}. Absent: the test is skipped,
 * or fails with {@code ISENGARD_REQUIRE_SAMPLES=true}.
 */
public final class Samples {
    private Samples() {}

    public static Path get(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.exists(file)) {
            skipOrFail("DICOM sample " + relative + " not found in " + dir());
        }
        return file;
    }

    public static Path dir() {
        String p = System.getProperty("isengard.samples");
        if (p == null || p.isBlank()) {
            p = System.getenv("ISENGARD_DICOM_SAMPLES");
        }
        Path dir = p != null && !p.isBlank() ? Path.of(p)
                : Path.of(System.getProperty("isengard.repo", System.getProperty("user.dir"))).toAbsolutePath()
                        .resolve("../shared/dicom-samples").normalize();
        if (!Files.isDirectory(dir)) {
            skipOrFail("DICOM samples not found at " + dir + " (set -Disengard.samples=... or ISENGARD_DICOM_SAMPLES)");
        }
        return dir;
    }

    private static void skipOrFail(String message) {
        if ("true".equalsIgnoreCase(System.getenv("ISENGARD_REQUIRE_SAMPLES"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }
}
