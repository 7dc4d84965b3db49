package io.isengard.server.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

/** A small HTTP/1.1 client of one server (java.net.http), optionally with Basic credentials. */
final class RestClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String name;
    private final URI base;
    private final String authorization;

    RestClient(String name, URI base) {
        this(name, base, null);
    }

    private RestClient(String name, URI base, String authorization) {
        this.name = name;
        this.base = base;
        this.authorization = authorization;
    }

    /** The same server, every request carrying this Authorization header. */
    RestClient withAuthorization(String value) {
        return new RestClient(name, base, value);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    String name() {
        return name;
    }

    HttpAnswer get(String path) {
        return send("GET", path, null);
    }

    HttpAnswer post(String path, byte[] body) {
        return send("POST", path, body);
    }

    HttpAnswer post(String path, String body) {
        return send("POST", path, body.getBytes(StandardCharsets.UTF_8));
    }

    HttpAnswer postFile(String path, Path file) {
        try {
            return send("POST", path, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a request; {@code body} null sends none; {@code headers} are
     * name/value pairs (the client itself forbids Connection, Host and
     * Content-Length).
     */
    HttpAnswer send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpRequest request = b.build();
            HttpResponse<byte[]> r;
            try {
                r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                // Orthanc's web server (civetweb) sometimes closes a kept-alive connection just as the
                // client reuses it: the request was never read. That case alone is sent again, once.
                if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
                r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            }
            return new HttpAnswer(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted during " + method + " " + path, e);
        }
    }
}
