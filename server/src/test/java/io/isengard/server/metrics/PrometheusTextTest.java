package io.isengard.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    /** Orthanc 1.10.1 printed "orthanc_disk_size_mb 0.0521774292" for a store of 54712 bytes. */
    @Test
    void megabytesArePrintedAsOrthancPrintsItsFloats() {
        assertThat(PrometheusText.formatFloat(54712f / 1048576f)).isEqualTo("0.0521774292");
        assertThat(PrometheusText.formatFloat(0f)).isEqualTo("0");
        assertThat(PrometheusText.formatFloat(3f)).isEqualTo("3");
        assertThat(PrometheusText.formatFloat(1f / 1048576f)).isEqualTo("9.53674316e-07");
        assertThat(PrometheusText.formatFloat(100f / 1048576f)).isEqualTo("9.53674316e-05");
        assertThat(PrometheusText.formatFloat(5e9f / 1048576f)).isEqualTo("4768.37158");
        assertThat(PrometheusText.formatFloat((float) (1L << 40))).isEqualTo("1.09951163e+12");
    }

    @Test
    void linesAreNameValueTimestamp() {
        PrometheusText t = new PrometheusText();
        t.integer("orthanc_count_instances", 12, 1795937589443L);
        t.megabytes("orthanc_disk_size_mb", 54712, 1795937589443L);
        t.gauge("orthanc_rest_api_duration_ms", null);
        t.gauge("orthanc_store_dicom_duration_ms", new WindowedMax.Sample(31, 1795937589359L));
        assertThat(t.toString()).isEqualTo("orthanc_count_instances 12 1795937589443\n"
                + "orthanc_disk_size_mb 0.0521774292 1795937589443\n"
                + "orthanc_store_dicom_duration_ms 31 1795937589359\n");
    }

    @Test
    void histogramsHaveCumulativeBucketsSumAndCount() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(500_000); // 0.5 ms
        h.record(1_000_000); // 1 ms: "le" is inclusive
        h.record(7_000_000); // 7 ms
        h.record(60_000_000_000L); // a minute, past every bound
        PrometheusText t = new PrometheusText();
        t.histogram("x", "route=\"/a\"", LatencyHistogram.BOUNDS_MS, h.snapshot(), 5);
        assertThat(t.toString()).startsWith("x_bucket{route=\"/a\",le=\"1\"} 2 5\n"
                + "x_bucket{route=\"/a\",le=\"2.5\"} 2 5\n"
                + "x_bucket{route=\"/a\",le=\"5\"} 2 5\n"
                + "x_bucket{route=\"/a\",le=\"10\"} 3 5\n")
                .contains("x_bucket{route=\"/a\",le=\"10000\"} 3 5\n")
                .endsWith("x_bucket{route=\"/a\",le=\"+Inf\"} 4 5\n"
                        + "x_sum{route=\"/a\"} 60008.500 5\n"
                        + "x_count{route=\"/a\"} 4 5\n");
    }

    @Test
    void labelValuesAreEscaped() {
        assertThat(PrometheusText.label("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    }
}
