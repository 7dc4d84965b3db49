package io.isengard.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the public sample DICOM files: system property isengard.samples, env
 * ISENGARD_DICOM_SAMPLES, else ../shared/dicom-samples beside the repository.
 * Absent: tests are skipped visibly, or fail when ISENGARD_REQUIRE_SAMPLES=true (CI).
 */
public final class Samples {
    private Samples() {}

    public static Path dir() {
        String prop = System.getProperty("isengard.samples");
        String env = System.getenv("ISENGARD_DICOM_SAMPLES");
        String repo = System.getProperty("isengard.repo", Path.of("").toAbsolutePath().getParent().toString());
        Path dir = prop != null ? Path.of(prop) : env != null ? Path.of(env)
                : Path.of(repo).resolve("../shared/dicom-samples").normalize();
        if (!Files.isDirectory(dir)) {
            String msg = "the public sample DICOM files are not at " + dir
                    + " (set ISENGARD_DICOM_SAMPLES); skipping the tests that need them";
            if ("true".equals(System.getenv("ISENGARD_REQUIRE_SAMPLES"))) {
                Assertions.fail(msg);
            }
            Assumptions.abort(msg);
        }
        return dir;
    }

    public static Path get(String relative) {
        return dir().resolve(relative);
    }
}
