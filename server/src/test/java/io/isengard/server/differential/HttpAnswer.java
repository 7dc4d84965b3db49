package io.isengard.server.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.rest.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An HTTP answer as a test sees it: status, headers (names case-insensitive), body bytes. */
record HttpAnswer(int status, Map<String, List<String>> headers, byte[] body) {
    /** The headers the differential tests compare on every answer (brief: the ones that matter to clients). */
    static final List<String> COMPARED_HEADERS = List.of("Allow", "Content-Type", "WWW-Authenticate",
            "X-Content-Type-Options");

    HttpAnswer {
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.merge(k, List.copyOf(v), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        headers = h;
    }

    /** The first value of a header, or null. */
    String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean isEmpty() {
        return body.length == 0;
    }

    /** The body parsed as JSON, or null if it is empty or not JSON. */
    JsonNode jsonOrNull() {
        if (body.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The body parsed as JSON; an answer that is not JSON fails the test and shows itself. */
    JsonNode json() {
        JsonNode n = jsonOrNull();
        if (n == null) {
            throw new AssertionError("expected a JSON body, got " + this);
        }
        return n;
    }

    /**
     * The answer as one JSON object, so that status, headers and body are
     * compared by the same machinery: {@code {"Status": 404, "Headers":
     * {"Content-Type": ...}, "Body": <JSON, or text>}}. Absent headers and
     * empty bodies are absent keys.
     */
    ObjectNode comparable(List<String> headerNames) {
        ObjectNode o = Json.object();
        o.put("Status", status);
        ObjectNode h = o.putObject("Headers");
        for (String name : headerNames) {
            String v = header(name);
            if (v != null) {
                h.put(name, v);
            }
        }
        if (body.length > 0) {
            JsonNode json = jsonOrNull();
            if (json != null) {
                o.set("Body", json);
            } else {
                o.put("Body", text());
            }
        }
        return o;
    }

    ObjectNode comparable() {
        return comparable(COMPARED_HEADERS);
    }

    @Override
    public String toString() {
        String t = text();
        if (t.length() > 600) {
            t = t.substring(0, 600) + "…(" + body.length + " bytes)";
        }
        return "HTTP " + status + " " + headers + (body.length == 0 ? " (empty body)" : "\n" + t);
    }
}
