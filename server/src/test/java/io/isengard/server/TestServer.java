package io.isengard.server;

import io.isengard.server.config.ConfigurationLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** An Isengard server on a free port with a temporary storage, for tests. */
public final class TestServer implements AutoCloseable {
    private final Path dir;
    private final Server server;
    private final HttpClient client = HttpClient.newHttpClient();

    private TestServer(Path dir, Server server) {
        this.dir = dir;
        this.server = server;
    }

    /** Starts a server with the given extra configuration members (JSON text without braces, may be empty). */
    public static TestServer start(String extraConfig) throws IOException {
        Path dir = Files.createTempDirectory("isengard-test");
        // DicomPort 0: the DICOM server takes a free port (a test may set its own).
        String json = "{\"HttpPort\": 0, " + (extraConfig.contains("\"DicomPort\"") ? "" : "\"DicomPort\": 0, ")
                + "\"StorageDirectory\": \"" + dir.resolve("storage") + "\""
                + (extraConfig.isBlank() ? "" : ", " + extraConfig) + "}";
        Path config = dir.resolve("config.json");
        Files.writeString(config, json);
        return new TestServer(dir, Server.start(ConfigurationLoader.withSystemEnvironment().load(config)));
    }

    /** The port of the DICOM server, -1 when it is disabled. */
    public int dicomPort() {
        return server.dicomPort();
    }

    public Path directory() {
        return dir;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.httpPort() + path;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    public HttpResponse<byte[]> getBytes(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String path, byte[] body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).DELETE());
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
