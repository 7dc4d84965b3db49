package io.isengard.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isengard.server.LaunchOptions;
import io.isengard.server.Server;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.rest.ServerControl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real server for the jobs tests: configuration in a folder that outlives
 * the server (so a restart finds the same storage and index), and the test
 * job types registered.
 */
final class JobsTestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Server server;
    private final HttpClient client = HttpClient.newHttpClient();

    private JobsTestServer(Server server) {
        this.server = server;
    }

    /** Starts on {@code dir} (storage inside) with extra configuration members (JSON without braces). */
    static JobsTestServer start(Path dir, String extraConfig, boolean noJobs) throws IOException {
        String json = "{\"HttpPort\": 0, \"DicomPort\": 0, \"StorageDirectory\": \"" + dir.resolve("storage") + "\""
                + (extraConfig.isBlank() ? "" : ", " + extraConfig) + "}";
        Path config = dir.resolve("config.json");
        Files.writeString(config, json);
        ServerControl control = new ServerControl() {
            @Override
            public void shutdown() {
            }

            @Override
            public void restart() {
            }
        };
        return new JobsTestServer(Server.start(ConfigurationLoader.withSystemEnvironment().load(config), control,
                new LaunchOptions(noJobs, false), types -> {
                    StepsJob.register(types);
                }));
    }

    JobsEngine jobs() {
        return server.jobs();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.httpPort() + path;
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return client.send(HttpRequest.newBuilder(URI.create(url(path))).method(method, p).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = send("GET", path, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " → " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    @Override
    public void close() {
        server.close();
    }
}
