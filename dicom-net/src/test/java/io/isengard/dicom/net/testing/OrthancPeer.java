package io.isengard.dicom.net.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Orthanc ({@code /usr/sbin/Orthanc}) as a DICOM peer: started on
 * free ports with a generated configuration that declares our server as
 * the modality "ours"; REST calls through the JDK's HTTP client.
 */
public final class OrthancPeer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/Orthanc");
    public static final String AE = "ORTHANC";

    private final Process process;
    private final Path dir;
    private final int httpPort;
    private final int dicomPort;
    private final HttpClient http = HttpClient.newHttpClient();

    private OrthancPeer(Process process, Path dir, int httpPort, int dicomPort) {
        this.process = process;
        this.dir = dir;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
    }

    /** Starts Orthanc knowing our server as "ours" = (ourAeTitle, 127.0.0.1, ourPort). */
    public static OrthancPeer start(Path dir, String ourAeTitle, int ourPort) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            String message = "Orthanc " + BINARY + " is not installed (apt-get install orthanc)";
            if ("true".equalsIgnoreCase(System.getenv("ISENGARD_REQUIRE_SAMPLES"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        int httpPort = Dcmtk.freePort();
        int dicomPort = Dcmtk.freePort();
        Path config = dir.resolve("orthanc.json");
        Files.writeString(config, """
                {
                  "Name" : "dicom-net test peer",
                  "HttpPort" : %d, "DicomPort" : %d, "DicomAet" : "%s",
                  "StorageDirectory" : "%s", "IndexDirectory" : "%s",
                  "RemoteAccessAllowed" : false, "AuthenticationEnabled" : false,
                  "DicomAlwaysAllowFind" : true, "DicomAlwaysAllowGet" : true, "DicomAlwaysAllowMove" : true,
                  "DicomModalities" : { "ours" : [ "%s", "127.0.0.1", %d ] },
                  "Plugins" : [ ]
                }
                """.formatted(httpPort, dicomPort, AE, dir.resolve("storage"), dir.resolve("index"), ourAeTitle,
                ourPort));
        Process p = new ProcessBuilder(List.of(BINARY.toString(), config.toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        OrthancPeer o = new OrthancPeer(p, dir, httpPort, dicomPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!p.isAlive()) {
                Assertions.fail("Orthanc exited: " + o.log());
            }
            try {
                if (o.get("/system").statusCode() == 200) {
                    Dcmtk.awaitListening(dicomPort, 10);
                    return o;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                o.close();
                Assertions.fail("Orthanc did not answer within 30 s: " + o.log());
            }
            Thread.sleep(50);
        }
    }

    public int dicomPort() {
        return dicomPort;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(60)).build());
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** Uploads a file with POST /instances. */
    public HttpResponse<String> upload(Path file) throws IOException, InterruptedException {
        try {
            return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/instances"))
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        } catch (IOException e) {
            throw new IOException("uploading " + file + " to Orthanc (alive: " + process.isAlive() + "): " + e
                    + "\nOrthanc log:\n" + log(), e);
        }
    }

    /**
     * Orthanc's web server (civetweb) sometimes closes a kept-alive connection
     * just as the client reuses it: the request is never read and the answer
     * is an empty stream. That one case is retried once, on a new connection.
     */
    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                throw e;
            }
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    public String log() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("orthanc.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
