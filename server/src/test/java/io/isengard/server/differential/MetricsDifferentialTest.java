package io.isengard.server.differential;

import static io.isengard.server.differential.RequestCase.get;
import static io.isengard.server.differential.RequestCase.request;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /tools/metrics and /tools/metrics-prometheus (rest-core.md §11) against the
 * reference Orthanc: the switch answer for answer, and the Prometheus text by
 * its form, its metric names and the values both servers must agree on after
 * the same uploads (counts). Durations and timestamps are each server's own.
 */
class MetricsDifferentialTest {
    private static final Pattern LINE = Pattern.compile("([a-z_]+)(\\{.*\\})? (\\S+) (\\d{13})");
    private static final String PROMETHEUS = "GET /tools/metrics-prometheus";

    /**
     * Names of Orthanc 1.10.1 that 1.12 changed (rest-core.md §11 lists
     * orthanc_dicom_cache_size_mb), which Isengard follows.
     */
    private static final Map<String, String> RENAMED_IN_1_12 = Map.of(
            "orthanc_dicom_cache_size", "orthanc_dicom_cache_size_mb");

    private static ServerPair servers;

    @BeforeAll
    static void start() {
        servers = ServerPair.start(ServerPair.openConfiguration());
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    /** One sequence: the cases change the switch, so their order matters. */
    @Test
    void switchAndPrometheusText() {
        DiffReport report = new DiffReport("metrics", servers.referenceVersion());
        for (String sample : List.of("DummyCT.dcm", "Knee/T1/IM-0001-0001.dcm", "Knee/T1/IM-0001-0002.dcm")) {
            servers.reference().postFile("/instances", SampleFiles.get(sample));
            servers.candidate().postFile("/instances", SampleFiles.get(sample));
        }
        List.of(get("/tools/metrics"),
                request("PUT", "/tools/metrics").body("nope"),
                request("PUT", "/tools/metrics").body("TRUE"),
                request("PUT", "/tools/metrics").body("0"),
                get("/tools/metrics"),
                get("/tools/metrics-prometheus"),
                request("PUT", "/tools/metrics").body(" true\n"),
                get("/tools/metrics")).forEach(c -> c.known(KnownDifferences.EMPTY_ANSWERS).run(servers, report));

        HttpAnswer ref = servers.reference().get("/tools/metrics-prometheus");
        HttpAnswer isg = servers.candidate().get("/tools/metrics-prometheus");
        report.expect(PROMETHEUS, "status and Content-Type",
                ref.status() == isg.status() && ref.header("Content-Type").equals(isg.header("Content-Type")),
                ref.status() + " " + ref.header("Content-Type"), isg.status() + " " + isg.header("Content-Type"));
        Map<String, String> r = parse(report, "Orthanc", ref.text());
        Map<String, String> g = parse(report, "Isengard", isg.text());
        TreeSet<String> missing = new TreeSet<>();
        for (String name : r.keySet()) {
            if (!g.containsKey(RENAMED_IN_1_12.getOrDefault(name, name))) {
                missing.add(name);
            }
        }
        report.expect(PROMETHEUS, "every metric of Orthanc's (1.12 names)", missing.isEmpty(), "none missing",
                "missing: " + missing);
        for (String count : List.of("orthanc_count_patients", "orthanc_count_studies", "orthanc_count_series",
                "orthanc_count_instances", "orthanc_jobs_pending", "orthanc_jobs_running", "orthanc_jobs_completed",
                "orthanc_jobs_success", "orthanc_jobs_failed")) {
            report.expect(PROMETHEUS, count, r.get(count) != null && r.get(count).equals(g.get(count)),
                    r.get(count), g.get(count));
        }
        report.note("Orthanc's metrics: " + r.keySet() + "; Isengard's: " + g.keySet());
        report.finish();
    }

    /** Metric name (with labels) → value; a line that is not {@code name value timestamp_ms} is reported. */
    private static Map<String, String> parse(DiffReport report, String who, String text) {
        Map<String, String> m = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher x = LINE.matcher(line);
            report.expect(PROMETHEUS, who + "'s line in Prometheus form", x.matches(), "name value timestamp_ms",
                    line);
            if (x.matches()) {
                m.put(x.group(1) + (x.group(2) == null ? "" : x.group(2)), x.group(3));
            }
        }
        return m;
    }
}
