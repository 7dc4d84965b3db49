package io.isengard.server.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.rest.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The reference: Debian's Orthanc ({@code /usr/sbin/Orthanc}) started as a
 * child process with a generated configuration on free ports, its storage
 * and index in a temporary folder deleted on close. Its version is read
 * from /system, never assumed.
 */
final class ReferenceOrthanc implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/Orthanc");
    private static final long STARTUP_TIMEOUT_MS = 30_000;

    private final Path dir;
    private final Process process;
    private final int httpPort;
    private final int dicomPort;
    private final RestClient client;
    private OrthancVersion version;

    private ReferenceOrthanc(Path dir, Process process, int httpPort, int dicomPort) {
        this.dir = dir;
        this.process = process;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
        this.client = new RestClient("Orthanc", URI.create("http://127.0.0.1:" + httpPort));
    }

    /**
     * Aborts the calling test (visibly) when the binary is absent, unless env
     * CI or ISENGARD_REQUIRE_SAMPLES is true: there it fails.
     */
    static void requireBinary() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String message = "reference Orthanc " + BINARY + " is not installed (apt-get install orthanc): "
                + "differential tests skipped";
        if ("true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getenv("ISENGARD_REQUIRE_SAMPLES"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    /**
     * Starts Orthanc with {@code common} plus ports and folders; waits until
     * /system answers (with {@code probeAuthorization} when authentication is
     * on, null otherwise) and reads the version.
     */
    static ReferenceOrthanc start(ObjectNode common, String probeAuthorization) {
        requireBinary();
        Path dir = TestDirs.create("isengard-diff-orthanc-");
        int http = TestDirs.freePort();
        int dicom = TestDirs.freePort();
        ObjectNode config = common.deepCopy();
        config.put("HttpPort", http);
        config.put("DicomPort", dicom);
        config.put("StorageDirectory", dir.resolve("storage").toString());
        config.put("IndexDirectory", dir.resolve("index").toString());
        Path file = dir.resolve("orthanc.json");
        Process p;
        try {
            Files.writeString(file, Json.pretty(config), StandardCharsets.UTF_8);
            p = new ProcessBuilder(List.of(BINARY.toString(), file.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("orthanc.log").toFile())
                    .start();
        } catch (IOException e) {
            TestDirs.deleteRecursively(dir);
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        ReferenceOrthanc o = new ReferenceOrthanc(dir, p, http, dicom);
        long t0 = System.nanoTime();
        try {
            o.awaitSystem(probeAuthorization);
            System.out.printf("reference Orthanc %s answering on port %d after %d ms%n", o.version, http,
                    (System.nanoTime() - t0) / 1_000_000);
            return o;
        } catch (RuntimeException | Error e) {
            o.close();
            throw e;
        }
    }

    private void awaitSystem(String probeAuthorization) {
        RestClient probe = probeAuthorization == null ? client : client.withAuthorization(probeAuthorization);
        long deadline = System.currentTimeMillis() + STARTUP_TIMEOUT_MS;
        while (true) {
            assertAlive();
            try {
                HttpAnswer a = probe.get("/system");
                if (a.status() == 200) {
                    version = OrthancVersion.parse(a.json().get("Version").asText());
                    return;
                }
                throw new AssertionError("reference Orthanc: GET /system answered " + a + "\n" + logTail());
            } catch (UncheckedIOException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("reference Orthanc did not answer /system within "
                            + STARTUP_TIMEOUT_MS + " ms\n" + logTail(), notYet);
                }
                sleep(50);
            }
        }
    }

    /** Fails if the process died (a crash of the reference must not pass for a difference). */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("reference Orthanc exited with code " + process.exitValue() + "\n" + logTail());
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("orthanc.log"), StandardCharsets.UTF_8);
            return "--- last lines of the Orthanc log ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no Orthanc log: " + e + ")";
        }
    }

    RestClient client() {
        return client;
    }

    OrthancVersion version() {
        return version;
    }

    int httpPort() {
        return httpPort;
    }

    int dicomPort() {
        return dicomPort;
    }

    /** SIGTERM, then SIGKILL after 10 s; then the folder goes. */
    @Override
    public void close() {
        long t0 = System.nanoTime();
        try {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            TestDirs.deleteRecursively(dir);
            System.out.printf("reference Orthanc on port %d stopped in %d ms%n", httpPort,
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
