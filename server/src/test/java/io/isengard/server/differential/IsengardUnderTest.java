package io.isengard.server.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.Server;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.rest.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Isengard in-process, started like a user would: a configuration file
 * written to a temporary folder, read by {@link ConfigurationLoader}, given
 * to {@link Server#start}.
 */
final class IsengardUnderTest implements AutoCloseable {
    private final Path dir;
    private final Server server;
    private final int httpPort;
    private final int dicomPort;
    private final RestClient client;

    private IsengardUnderTest(Path dir, Server server, int httpPort, int dicomPort) {
        this.dir = dir;
        this.server = server;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
        this.client = new RestClient("Isengard", URI.create("http://127.0.0.1:" + httpPort));
    }

    static IsengardUnderTest start(ObjectNode common) {
        // A port found free may be taken by someone else before the server binds it (other servers of
        // the test run take ephemeral ports too): start again on other ports then.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnFreePorts(common);
            } catch (io.isengard.server.model.OrthancException e) {
                boolean taken = e.error() == io.isengard.server.model.ErrorCode.HttpPortInUse
                        || e.error() == io.isengard.server.model.ErrorCode.DicomPortInUse;
                if (!taken || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static IsengardUnderTest startOnFreePorts(ObjectNode common) {
        Path dir = TestDirs.create("isengard-diff-isengard-");
        int http = TestDirs.freePort();
        int dicom = TestDirs.freePort();
        ObjectNode config = common.deepCopy();
        config.put("HttpPort", http);
        config.put("DicomPort", dicom);
        config.put("StorageDirectory", dir.resolve("storage").toString());
        config.put("IndexDirectory", dir.resolve("index").toString());
        Path file = dir.resolve("isengard.json");
        try {
            Files.writeString(file, Json.pretty(config), StandardCharsets.UTF_8);
            Server server = Server.start(ConfigurationLoader.withSystemEnvironment().load(file));
            return new IsengardUnderTest(dir, server, http, dicom);
        } catch (IOException e) {
            TestDirs.deleteRecursively(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            TestDirs.deleteRecursively(dir);
            throw e;
        }
    }

    RestClient client() {
        return client;
    }

    /** The server itself, for what no REST route does yet (e.g. submitting a job of the tests). */
    Server server() {
        return server;
    }

    int httpPort() {
        return httpPort;
    }

    int dicomPort() {
        return dicomPort;
    }

    @Override
    public void close() {
        long t0 = System.nanoTime();
        try {
            server.close();
        } finally {
            TestDirs.deleteRecursively(dir);
            System.out.printf("Isengard on port %d stopped in %d ms%n", httpPort, (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
