package io.isengard.server.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Orthanc's job times: {@code YYYYMMDDTHHMMSS.ffffff}, the fraction left out when zero. */
class OrthancTimeTest {
    @Test
    void jobTimesHaveSixDigitsOfMicrosecondsUnlessThereAreNone() {
        assertThat(OrthancTime.formatMicros(Instant.parse("2026-11-30T12:00:01.000042Z")))
                .isEqualTo("20261130T120001.000042");
        assertThat(OrthancTime.formatMicros(Instant.parse("2026-11-30T12:00:01.123456789Z")))
                .isEqualTo("20261130T120001.123456");
        assertThat(OrthancTime.formatMicros(Instant.parse("2026-11-30T12:00:01Z"))).isEqualTo("20261130T120001");
        Instant t = Instant.parse("2026-01-02T03:04:05.000700Z");
        assertThat(OrthancTime.parseMicros(OrthancTime.formatMicros(t))).isEqualTo(t);
    }
}
