package io.isengard.server.metrics;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A gauge as Orthanc's "MaxOver10Seconds" metrics keep it: a new value
 * replaces the kept one if it is larger, or if the kept one is older than
 * the period; the exported time is that of the kept value. Lock-free: a
 * value that replaces nothing (the common case) costs one volatile read.
 */
final class WindowedMax {
    /** A value and the wall-clock time (ms) it was set at. */
    record Sample(long value, long timeMillis) {
    }

    private final long periodMillis;
    private final AtomicReference<Sample> kept = new AtomicReference<>();

    WindowedMax(long periodMillis) {
        this.periodMillis = periodMillis;
    }

    void update(long value, long nowMillis) {
        while (true) {
            Sample current = kept.get();
            if (current != null && value <= current.value() && nowMillis - current.timeMillis() <= periodMillis) {
                return;
            }
            if (kept.compareAndSet(current, new Sample(value, nowMillis))) {
                return;
            }
        }
    }

    /** The kept value, or null if none was ever set. */
    Sample get() {
        return kept.get();
    }
}
