package io.isengard.server.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Durations counted in fixed buckets (Prometheus histogram: cumulative
 * {@code le} buckets, sum, count). Recording is a bucket search over a dozen
 * bounds and two {@link LongAdder} increments: no lock, no allocation.
 */
final class LatencyHistogram {
    /** Upper bounds of the buckets in milliseconds; a last, unbounded bucket follows ("+Inf"). */
    static final double[] BOUNDS_MS = {1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};

    private final LongAdder[] buckets = new LongAdder[BOUNDS_MS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void record(long nanos) {
        double ms = nanos / 1e6;
        int i = 0;
        while (i < BOUNDS_MS.length && ms > BOUNDS_MS[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(nanos);
    }

    /** A consistent-enough copy for export: cumulative counts per bucket (the last is the total) and the sum. */
    Snapshot snapshot() {
        long[] cumulative = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            cumulative[i] = running;
        }
        return new Snapshot(cumulative, sumNanos.sum() / 1e6);
    }

    /**
     * @param cumulative count of durations up to each bound of {@link #BOUNDS_MS}, then the total
     * @param sumMillis sum of the durations
     */
    record Snapshot(long[] cumulative, double sumMillis) {
        long count() {
            return cumulative[cumulative.length - 1];
        }
    }
}
