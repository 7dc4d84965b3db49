package io.isengard.server.lua;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The HTTP client of HttpGet/HttpPost/HttpPut/HttpDelete (lua.md §5.2): one
 * per Lua context, so credentials and timeout set by SetHttpCredentials and
 * SetHttpTimeout hold for the calls that follow. Used under the context's lock.
 */
final class LuaHttpClient {
    /** Status and body of an answer. */
    record Answer(int status, byte[] body) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private String authorization;
    private Duration timeout;

    void setCredentials(String username, String password) {
        authorization = "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** 0 or less: no timeout (libcurl's default). */
    void setTimeout(long seconds) {
        timeout = seconds > 0 ? Duration.ofSeconds(seconds) : null;
    }

    /** Sends one request; network failures are thrown. */
    Answer send(String method, String url, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (timeout != null) {
            b.timeout(timeout);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        headers.forEach(b::header);
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.body());
    }
}
