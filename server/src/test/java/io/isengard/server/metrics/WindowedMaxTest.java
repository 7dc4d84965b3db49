package io.isengard.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowedMaxTest {

    @Test
    void keepsTheLargestValueOfThePeriodWithItsTime() {
        WindowedMax m = new WindowedMax(10_000);
        assertThat(m.get()).isNull();
        m.update(5, 1_000);
        m.update(3, 2_000); // smaller, within the period: ignored
        assertThat(m.get()).isEqualTo(new WindowedMax.Sample(5, 1_000));
        m.update(8, 3_000); // larger: replaces
        assertThat(m.get()).isEqualTo(new WindowedMax.Sample(8, 3_000));
        m.update(2, 13_001); // the kept one is older than the period: replaced even if smaller
        assertThat(m.get()).isEqualTo(new WindowedMax.Sample(2, 13_001));
    }
}
