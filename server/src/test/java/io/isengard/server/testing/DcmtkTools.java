package io.isengard.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * DCMTK's network tools (echoscu, storescu, findscu, movescu, getscu,
 * storescp) run as child processes by the server's tests. Skips the test
 * when DCMTK is missing, fails then on CI.
 */
public final class DcmtkTools {
    private DcmtkTools() {}

    public record Result(int exitCode, String output) {
        public Result assertSuccess() {
            Assertions.assertEquals(0, exitCode, () -> "DCMTK failed:\n" + output);
            return this;
        }
    }

    public static void require() {
        if (Files.isExecutable(Path.of("/usr/bin/echoscu"))) {
            return;
        }
        String message = "DCMTK is not installed (apt-get install dcmtk): DICOM interop tests skipped";
        if ("true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getenv("ISENGARD_REQUIRE_SAMPLES"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    /** Runs a tool in {@code workDir} to its end, at most {@code seconds}; stdout and stderr together. */
    public static Result run(Path workDir, int seconds, String... command) {
        Peer p = start(workDir, command);
        return p.await(seconds);
    }

    /** Starts a tool in the background (e.g. storescp); close() stops it. */
    public static Peer start(Path workDir, String... command) {
        require();
        try {
            Path log = Files.createTempFile("isengard-dcmtk-", ".log");
            Process process = new ProcessBuilder(List.of(command)).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Peer(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command[0], e);
        }
    }

    public static final class Peer implements AutoCloseable {
        private final Process process;
        private final Path log;

        Peer(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        public Result await(int seconds) {
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    Assertions.fail("DCMTK did not end within " + seconds + " s:\n" + output());
                }
                return new Result(process.exitValue(), output());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                deleteLog();
            }
        }

        public String output() {
            try {
                return Files.readString(log, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        private void deleteLog() {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temporary file
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            deleteLog();
        }
    }

    /** A port free now (for storescp, which cannot be asked which port it took). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files a tool wrote into {@code dir}, sorted by name. */
    public static List<Path> files(Path dir) throws IOException {
        List<Path> l = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(Files::isRegularFile).sorted().forEach(l::add);
        }
        return l;
    }
}
