package io.isengard.dicom.json;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throw-away Orthanc (Debian's {@code /usr/sbin/Orthanc}) on free loopback
 * ports with its storage in a temporary folder, for differential tests.
 */
final class OrthancProcess implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/Orthanc");

    private final Process process;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private OrthancProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Starts Orthanc with {@code extraConfig} (JSON members, without braces) added to its configuration. */
    static OrthancProcess start(String extraConfig) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("isengard-orthanc-");
        int httpPort = freePort();
        int dicomPort = freePort();
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"Name\": \"isengard-differential\", \"HttpPort\": " + httpPort
                + ", \"DicomPort\": " + dicomPort + ", \"StorageDirectory\": \"" + dir.resolve("db")
                + "\", \"IndexDirectory\": \"" + dir.resolve("db") + "\", \"RemoteAccessAllowed\": false,"
                + " \"AuthenticationEnabled\": false, \"HttpBindAddress\": \"127.0.0.1\", \"Plugins\": [],"
                + (extraConfig.isBlank() ? "" : extraConfig + ",") + " \"StableAge\": 3600}");
        Process p = new ProcessBuilder(BINARY.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        OrthancProcess o = new OrthancProcess(p, dir, httpPort);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                String log = Files.readString(dir.resolve("orthanc.log"));
                o.close();
                throw new IOException("Orthanc exited at start-up: " + log);
            }
            try {
                if (o.get("/system").statusCode() == 200) {
                    return o;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        o.close();
        throw new IOException("Orthanc did not answer within 30 s");
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, Path body) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofFile(body)).build());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    /** Orthanc's web server may close a kept-alive connection the client reuses: one retry covers that. */
    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
