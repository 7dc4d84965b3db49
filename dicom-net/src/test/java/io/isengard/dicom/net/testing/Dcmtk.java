package io.isengard.dicom.net.testing;

import java.io.File;
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
 * DCMTK's network tools as peers: one-shot runs ({@link #run}) and
 * background servers ({@link #start}, e.g. storescp, dcmqrscp) that the
 * test stops. Skips the test when DCMTK is missing (fails with
 * {@code ISENGARD_REQUIRE_SAMPLES=true}).
 */
public final class Dcmtk {
    private Dcmtk() {}

    public record Result(int exitCode, String output) {}

    /** Runs a tool to its end (at most {@code seconds}); stdout and stderr together. */
    public static Result run(int seconds, String tool, String... args) {
        try {
            Peer p = background(tool, args);
            return finish(p.process, seconds, p.log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result finish(Process p, int seconds, Path log) throws IOException {
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                Assertions.fail("DCMTK did not end within " + seconds + " s; output:\n"
                        + Files.readString(log, StandardCharsets.ISO_8859_1));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.ISO_8859_1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** A started tool; its output goes to a temporary log. */
    public static final class Peer implements AutoCloseable {
        private final Process process;
        private final Path log;

        Peer(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        public Process process() {
            return process;
        }

        public String output() throws IOException {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        }

        /** Waits for the tool to end by itself. */
        public Result await(int seconds) throws IOException {
            return finish(process, seconds, log);
        }

        @Override
        public void close() throws IOException {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Files.deleteIfExists(log);
        }
    }

    /** Starts a tool in the background. */
    public static Peer background(String tool, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable(tool).toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("dcmtk-" + tool, ".log");
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Peer(p, log);
    }

    /** The path of a tool on PATH; skips (or fails) when absent. */
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

    /** A free TCP port, as the OS gives one. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until something listens on {@code port} (a background tool started). */
    public static void awaitListening(int port, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            try {
                new java.net.Socket("127.0.0.1", port).close();
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        Assertions.fail("nothing listens on port " + port + " after " + seconds + " s");
    }

    /** dcmdump's dump of a file, without the lines that legitimately differ between copies. */
    public static List<String> dump(Path file) {
        Result r = run(60, "dcmdump", "+Qn", "-M", "+L", file.toString());
        Assertions.assertEquals(0, r.exitCode(), () -> "dcmdump " + file + ":\n" + r.output());
        return r.output().lines().toList();
    }

}
