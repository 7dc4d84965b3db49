package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.TestServer;
import io.isengard.server.testing.Samples;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /tools/metrics and /tools/metrics-prometheus (rest-core.md §11) after real uploads and reads. */
class MetricsTest {
    /** A sample line: name, optional labels, value, timestamp in ms. */
    private static final Pattern LINE = Pattern.compile("([a-z_]+)(\\{.*\\})? (\\S+) (\\d{13})");
    private static final String UPLOAD_COUNT = "isengard_rest_api_request_duration_ms_count{method=\"POST\","
            + "route=\"/instances\"}";

    @Test
    void countsSizesDurationsAndHistogramsAfterUploads() throws Exception {
        try (TestServer server = TestServer.start("")) {
            assertThat(server.get("/tools/metrics").body()).isEqualTo("1");
            JsonNode first = upload(server, "Knee/T1/IM-0001-0001.dcm");
            upload(server, "Knee/T1/IM-0001-0002.dcm");
            upload(server, "DummyCT.dcm");
            assertThat(server.getBytes("/instances/" + first.get("ID").asText() + "/file").statusCode())
                    .isEqualTo(200);

            HttpResponse<String> answer = server.get("/tools/metrics-prometheus");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4");
            Map<String, Double> m = parse(answer.body());

            JsonNode stats = TestServers.JSON.readTree(server.get("/statistics").body());
            assertThat(m.get("orthanc_count_instances")).isEqualTo(3);
            assertThat(m.get("orthanc_count_series")).isEqualTo(2);
            assertThat(m.get("orthanc_count_studies")).isEqualTo(2);
            assertThat(m.get("orthanc_count_patients")).isEqualTo(2);
            assertThat(m.get("orthanc_disk_size_mb"))
                    .isCloseTo(stats.get("TotalDiskSize").asLong() / 1048576.0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(m.get("orthanc_uncompressed_size_mb")).isEqualTo(m.get("orthanc_disk_size_mb"));
            long last = TestServers.JSON.readTree(server.get("/changes?limit=0").body()).get("Last").asLong();
            assertThat(m.get("orthanc_last_change")).isEqualTo(last).isPositive();
            for (String jobs : List.of("pending", "running", "completed", "success", "failed")) {
                assertThat(m.get("orthanc_jobs_" + jobs)).as(jobs).isZero();
            }
            assertThat(m.get("orthanc_up_time_s")).isNotNegative();
            // The export itself is a request under way.
            assertThat(m.get("orthanc_rest_api_active_requests")).isGreaterThanOrEqualTo(1);
            assertThat(m).containsKeys("orthanc_rest_api_duration_ms", "orthanc_store_dicom_duration_ms",
                    "orthanc_storage_create_duration_ms", "orthanc_storage_read_duration_ms");
            assertThat(m.get("orthanc_storage_cache_miss_count")).isGreaterThanOrEqualTo(1);
            assertThat(m.get("orthanc_storage_cache_hit_count")).isZero();

            List<String> orthancNames = m.keySet().stream().filter(k -> k.startsWith("orthanc_")).toList();
            assertThat(orthancNames).as("Orthanc's metrics, sorted by name as Orthanc sorts them").isSorted();
            assertThat(m.get(UPLOAD_COUNT)).isEqualTo(3);
            assertThat(answer.body()).contains("# TYPE isengard_rest_api_request_duration_ms histogram\n");
            assertCumulative(m, "POST", "/instances", 3);
            assertCumulative(m, "GET", "/instances/{id}/file", 1);
            assertThat(m.get("isengard_rest_api_request_duration_ms_sum{method=\"POST\",route=\"/instances\"}"))
                    .isPositive();
        }
    }

    private static JsonNode upload(TestServer server, String sample) throws Exception {
        HttpResponse<String> r = server.post("/instances", Files.readAllBytes(Samples.get(sample)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServers.JSON.readTree(r.body());
    }

    /** The buckets of one route only grow with "le", and "+Inf" counts every call. */
    private static void assertCumulative(Map<String, Double> m, String method, String route, int calls) {
        String labels = "method=\"" + method + "\",route=\"" + route + "\"";
        double previous = 0;
        int buckets = 0;
        for (Map.Entry<String, Double> e : m.entrySet()) {
            if (e.getKey().startsWith("isengard_rest_api_request_duration_ms_bucket{" + labels + ",le=")) {
                assertThat(e.getValue()).as(e.getKey()).isGreaterThanOrEqualTo(previous);
                previous = e.getValue();
                buckets++;
            }
        }
        assertThat(buckets).isEqualTo(14);
        assertThat(m.get("isengard_rest_api_request_duration_ms_bucket{" + labels + ",le=\"+Inf\"}")).isEqualTo(calls);
        assertThat(m.get("isengard_rest_api_request_duration_ms_count{" + labels + "}")).isEqualTo(calls);
    }

    @Test
    void switchedOffAndOnAtRuntime() throws Exception {
        try (TestServer server = TestServer.start("")) {
            upload(server, "DummyCT.dcm");
            HttpResponse<String> off = put(server, "0");
            assertThat(off.statusCode()).isEqualTo(200);
            assertThat(off.body()).isEmpty();
            assertThat(server.get("/tools/metrics").body()).isEqualTo("0");
            HttpResponse<String> empty = server.get("/tools/metrics-prometheus");
            assertThat(empty.statusCode()).isEqualTo(200);
            assertThat(empty.body()).isEmpty();
            upload(server, "Knee/T1/IM-0001-0001.dcm"); // not timed while off

            HttpResponse<String> bad = put(server, "yes");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(TestServers.JSON.readTree(bad.body()).get("OrthancStatus").asInt()).isEqualTo(15);
            assertThat(put(server, "TRUE").statusCode()).isEqualTo(400); // case-sensitive, as in Orthanc

            assertThat(put(server, " true\n").statusCode()).isEqualTo(200);
            assertThat(server.get("/tools/metrics").body()).isEqualTo("1");
            Map<String, Double> m = parse(server.get("/tools/metrics-prometheus").body());
            assertThat(m.get("orthanc_count_instances")).isEqualTo(2);
            // What was collected before switching off stays, as in Orthanc; nothing was collected while off.
            assertThat(m.get(UPLOAD_COUNT)).isEqualTo(1);
            assertThat(m).containsKey("orthanc_store_dicom_duration_ms");
        }
    }

    @Test
    void disabledByConfiguration() throws Exception {
        try (TestServer server = TestServer.start("\"MetricsEnabled\": false")) {
            upload(server, "DummyCT.dcm");
            assertThat(server.get("/tools/metrics").body()).isEqualTo("0");
            assertThat(server.get("/tools/metrics-prometheus").body()).isEmpty();
        }
    }

    private static HttpResponse<String> put(TestServer server, String body) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/tools/metrics")))
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Every line of the text parsed (name with its labels → value); a line of another form fails the test. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher x = LINE.matcher(line);
            assertThat(x.matches()).as("Prometheus line: %s", line).isTrue();
            String key = x.group(1) + (x.group(2) == null ? "" : x.group(2));
            assertThat(m.put(key, Double.parseDouble(x.group(3)))).as("%s twice", key).isNull();
        }
        return m;
    }
}
