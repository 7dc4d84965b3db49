package io.isengard.dicom.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs tools/dictionary/GenerateDictionary.java on the DCMTK files installed
 * here and checks that the committed resources are what it makes, so that a
 * change to the generator, or a new DCMTK, cannot go unnoticed.
 */
class GeneratedResourcesTest {
    static final List<Path> INPUTS = List.of(Path.of("/usr/share/libdcmtk17/dicom.dic"),
            Path.of("/usr/share/libdcmtk17/private.dic"), Path.of("/usr/include/dcmtk/dcmdata/dcuid.h"));
    static final String RESOURCES = "dicom/src/main/resources/io/isengard/dicom/dictionary";

    @Test
    void committedResourcesAreUpToDate(@TempDir Path out) throws Exception {
        List<Path> missing = INPUTS.stream().filter(p -> !Files.isRegularFile(p)).toList();
        if (!missing.isEmpty()) {
            System.err.println("GeneratedResourcesTest: SKIPPED, DCMTK's files are missing (install libdcmtk17 and"
                    + " libdcmtk-dev to check the generated dictionary): " + missing);
        }
        Assumptions.assumeTrue(missing.isEmpty(), () -> "DCMTK's dictionary files are not installed: " + missing);

        Path repo = repo();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), repo.resolve("tools/dictionary/GenerateDictionary.java").toString(),
                INPUTS.get(0).toString(), INPUTS.get(1).toString(), INPUTS.get(2).toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("generator finished").isTrue();
        assertThat(p.exitValue()).as("generator exit status; its output:%n%s", log).isZero();

        for (String name : List.of(PublicDictionary.RESOURCE, PrivateDictionary.RESOURCE, UidRegistry.RESOURCE)) {
            List<String> fresh = Files.readAllLines(out.resolve(name), StandardCharsets.UTF_8);
            List<String> committed = Files.readAllLines(repo.resolve(RESOURCES).resolve(name), StandardCharsets.UTF_8);
            String firstDifference = firstDifference(committed, fresh);
            if (firstDifference != null) {
                fail(name + " is not what the generator makes now; regenerate it with"
                        + " `java tools/dictionary/GenerateDictionary.java` (see tools/dictionary/README.md). "
                        + firstDifference);
            }
        }
    }

    private static String firstDifference(List<String> committed, List<String> fresh) {
        for (int i = 0; i < Math.max(committed.size(), fresh.size()); i++) {
            String c = i < committed.size() ? committed.get(i) : "<end of file>";
            String f = i < fresh.size() ? fresh.get(i) : "<end of file>";
            if (!c.equals(f)) {
                return "Line " + (i + 1) + ": committed [" + c + "], generated [" + f + "]";
            }
        }
        return null;
    }

    /** The repository root: surefire passes it; else the first parent holding tools/dictionary. */
    private static Path repo() throws IOException {
        String property = System.getProperty("isengard.repo");
        if (property != null && Files.isDirectory(Path.of(property, "tools/dictionary"))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("tools/dictionary"))) {
                return dir;
            }
        }
        throw new IOException("cannot find the repository root (tools/dictionary) from " + Path.of("").toAbsolutePath());
    }
}
