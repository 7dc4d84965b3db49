package io.isengard.server.durability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Isengard in a JVM of its own (the test's JDK and class path, main class
 * {@code io.isengard.server.Main}), so that it can be killed with SIGKILL
 * like a crashed server. Each start writes the configuration anew with a
 * free HTTP port; the storage and index stay where the configuration says.
 */
final class IsengardProcess implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private IsengardProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a server with the configuration members {@code configMembers}
     * (JSON text without braces, without HttpPort) and waits until it answers.
     */
    static IsengardProcess start(Path dir, String configMembers, String name) throws Exception {
        int port = freePort();
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{ \"HttpPort\": " + port + ", \"DicomPort\": " + freePort() + ", "
                + configMembers + " }");
        Path log = dir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.isengard.server.Main", "--no-warm-up", config.toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        IsengardProcess p = new IsengardProcess(pb.start(), port, log);
        p.awaitReady();
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Isengard stopped while starting (exit " + process.exitValue()
                        + "):\n" + logTail());
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url("/system")))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Isengard did not answer within " + STARTUP + ":\n" + logTail());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Kills the server as a crash would: SIGKILL (what {@link
     * Process#destroyForcibly()} sends on Linux), no shutdown hook runs.
     * Returns the exit status, 128 + 9 when the signal did it.
     */
    int killNine() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        if (!handle.supportsNormalTermination()) {
            throw new IllegalStateException("this platform cannot tell SIGKILL from a normal termination");
        }
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Isengard " + pid() + " survived SIGKILL");
        }
        return process.exitValue();
    }

    /** The end of the server's output, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL if it lingers). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }
}
