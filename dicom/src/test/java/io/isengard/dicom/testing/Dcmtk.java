package io.isengard.dicom.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs DCMTK's command line tools (the oracle for parsing). Tests abort
 * visibly when DCMTK is not installed, or fail if env
 * {@code ISENGARD_REQUIRE_SAMPLES=true}.
 */
public final class Dcmtk {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Dcmtk() {}

    /**
     * What a tool printed; output is decoded as ISO-8859-1 so that every byte
     * survives (dcmdump's {@code +Qn} output is ASCII anyway).
     */
    public record Result(int exitCode, String stdout, String stderr) {
        public List<String> stdoutLines() {
            return stdout.lines().toList();
        }
    }

    /** Runs {@code tool} with {@code args}; fails the test if it does not end within a minute. */
    public static Result run(String tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable(tool).toString());
        command.addAll(List.of(args));
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("dcmtk-", ".out");
            err = Files.createTempFile("dcmtk-", ".err");
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                Assertions.fail(String.join(" ", command) + " did not end within " + TIMEOUT);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    /** The tool's path on PATH; aborts (or fails when samples are required) if DCMTK is missing. */
    public static Path executable(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String message = "DCMTK's " + tool + " is not installed (apt-get install dcmtk)";
        if ("true".equalsIgnoreCase(System.getenv("ISENGARD_REQUIRE_SAMPLES"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
        return null;
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }
}
