package io.isengard.server.differential;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One request sent alike to both servers, with what may differ: the known
 * differences of its comparison, or — when Orthanc changed the whole answer
 * after the reference's release — the 1.12 answer Isengard must give instead.
 */
final class RequestCase {
    final String method;
    final String uri;
    byte[] body;
    final List<String> headers = new ArrayList<>();
    List<KnownDifference> known = KnownDifferences.ERRORS;
    List<String> comparedHeaders = HttpAnswer.COMPARED_HEADERS;
    OrthancVersion changedIn;
    String changeReason;
    Predicate<HttpAnswer> answerSince;
    String answerSinceText;

    private RequestCase(String method, String uri) {
        this.method = method;
        this.uri = uri;
    }

    static RequestCase request(String method, String uri) {
        return new RequestCase(method, uri);
    }

    static RequestCase get(String uri) {
        return request("GET", uri);
    }

    RequestCase body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    RequestCase body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    RequestCase header(String name, String value) {
        headers.add(name);
        headers.add(value);
        return this;
    }

    /** Compares these headers too (e.g. ETag), besides {@link HttpAnswer#COMPARED_HEADERS}. */
    RequestCase alsoComparing(List<String> headers) {
        List<String> all = new ArrayList<>(HttpAnswer.COMPARED_HEADERS);
        all.addAll(headers);
        this.comparedHeaders = List.copyOf(all);
        return this;
    }

    RequestCase known(List<KnownDifference> list) {
        this.known = list;
        return this;
    }

    /**
     * Orthanc {@code version} changed this answer (spec: {@code reason}):
     * with an older reference, Isengard's answer must satisfy {@code check}
     * ({@code expected} says how) instead of matching the reference.
     */
    RequestCase changedIn(String version, String reason, String expected, Predicate<HttpAnswer> check) {
        this.changedIn = OrthancVersion.parse(version);
        this.changeReason = reason;
        this.answerSinceText = expected;
        this.answerSince = check;
        return this;
    }

    String name() {
        StringBuilder sb = new StringBuilder(method).append(' ').append(uri);
        for (int i = 0; i < headers.size(); i += 2) {
            sb.append(" [").append(headers.get(i)).append(": ").append(headers.get(i + 1)).append(']');
        }
        if (body != null) {
            String shown = body.length <= 24 ? new String(body, StandardCharsets.ISO_8859_1)
                    .replaceAll("[^\\x20-\\x7e]", "?") : body.length + " bytes";
            sb.append(" body=").append(body.length == 0 ? "(empty)" : "'" + shown + "'");
        }
        return sb.toString();
    }

    HttpAnswer send(RestClient client) {
        return client.send(method, uri, body, headers.toArray(String[]::new));
    }

    /** Sends the case to both servers and records the outcome in {@code report}. */
    void run(ServerPair servers, DiffReport report) {
        long t0 = System.nanoTime();
        HttpAnswer ref = send(servers.reference());
        long t1 = System.nanoTime();
        HttpAnswer isg = send(servers.candidate());
        long t2 = System.nanoTime();
        if (t2 - t0 > 1_000_000_000L) {
            report.note(String.format("%s took %d ms on Orthanc, %d ms on Isengard", name(), (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000));
        }
        servers.orthanc().assertAlive();
        if (changedIn != null && servers.referenceVersion().isOlderThan(changedIn)) {
            report.expect(name(), changeReason, answerSince.test(isg), answerSinceText, isg.toString());
            report.note(name() + ": [1.10 diff, Isengard follows " + changedIn + "+] " + changeReason
                    + "; Orthanc " + servers.referenceVersion() + " answers HTTP " + ref.status());
            return;
        }
        report.compare(name(), ref, isg, JsonDiff.ordered(), known, comparedHeaders);
    }

    static boolean isError(HttpAnswer a, int status, int orthancStatus) {
        var body = a.jsonOrNull();
        return a.status() == status && body != null && body.path("OrthancStatus").asInt() == orthancStatus
                && body.path("HttpStatus").asInt() == status;
    }
}
