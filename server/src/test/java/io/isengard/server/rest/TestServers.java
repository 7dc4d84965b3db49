package io.isengard.server.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.Server;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.config.OrthancConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** Starts real servers from generated configuration files in temporary folders. */
final class TestServers {
    static final ObjectMapper JSON = new ObjectMapper();

    private TestServers() {}

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A configuration file in {@code dir} with storage under it, a free HTTP
     * port, and {@code options} on top (they win).
     */
    static Path writeConfiguration(Path dir, Map<String, ?> options) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("HttpPort", freePort());
        root.put("DicomPort", freePort());
        root.put("StorageDirectory", dir.resolve("storage").toString());
        root.put("IndexDirectory", dir.resolve("storage").toString());
        root.setAll((ObjectNode) JSON.valueToTree(options));
        Path file = dir.resolve("configuration.json");
        Files.createDirectories(dir);
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }

    static OrthancConfiguration configuration(Path dir, Map<String, ?> options) throws IOException {
        return new ConfigurationLoader(name -> null).load(writeConfiguration(dir, options));
    }

    static Server start(Path dir, Map<String, ?> options) throws IOException {
        // A port found free may be taken before the server binds it (other servers of the run take
        // ephemeral ports too): start again on other ports, unless the test chose the ports itself.
        boolean ownPorts = options.containsKey("HttpPort") || options.containsKey("DicomPort");
        for (int attempt = 1; ; attempt++) {
            try {
                return Server.start(configuration(dir, options));
            } catch (io.isengard.server.model.OrthancException e) {
                boolean taken = e.error() == io.isengard.server.model.ErrorCode.HttpPortInUse
                        || e.error() == io.isengard.server.model.ErrorCode.DicomPortInUse;
                if (!taken || ownPorts || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpResponse<String> get(HttpClient client, String url, String user, String password)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (user != null) {
            b.header("Authorization", basic(user, password));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    /** Runs a command, returns its exit code and merged output. */
    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timeout: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), new String(out));
    }

    record Result(int exitCode, String output) {
        Result orThrow() throws IOException {
            if (exitCode != 0) {
                throw new IOException("exit code " + exitCode + ": " + output);
            }
            return this;
        }
    }
}
