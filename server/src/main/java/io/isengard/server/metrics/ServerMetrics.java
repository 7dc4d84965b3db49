package io.isengard.server.metrics;

import io.isengard.server.index.GlobalStatistics;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The metrics of /tools/metrics-prometheus ("MetricsEnabled", runtime switch
 * PUT /tools/metrics). The hot paths (every REST call, every stored
 * instance, every storage access) only read a volatile flag, read a clock
 * and add to atomics; nothing is locked. While disabled nothing is recorded
 * and the export is empty, as in Orthanc.
 */
public final class ServerMetrics {
    /** Orthanc's "MaxOver10Seconds" period. */
    static final long PERIOD_MILLIS = 10_000;

    private final Clock clock;
    private final long startMillis;
    private volatile boolean enabled;

    private final AtomicLong active = new AtomicLong();
    private final WindowedMax activeRequests = new WindowedMax(PERIOD_MILLIS);
    private final WindowedMax restDuration = new WindowedMax(PERIOD_MILLIS);
    private final WindowedMax storeDuration = new WindowedMax(PERIOD_MILLIS);
    private final WindowedMax storageCreate = new WindowedMax(PERIOD_MILLIS);
    private final WindowedMax storageRead = new WindowedMax(PERIOD_MILLIS);
    private final WindowedMax storageRemove = new WindowedMax(PERIOD_MILLIS);
    private final LongAdder storageReads = new LongAdder();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    /** Jobs by state: pending, running, success, failed (the jobs engine's counts). */
    private volatile java.util.function.Supplier<long[]> jobs = () -> new long[4];

    public ServerMetrics(Clock clock, boolean enabled) {
        this.clock = clock;
        this.startMillis = clock.millis();
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Switches collection on or off; what was collected stays (as in Orthanc), and is exported again once on. */
    public void setEnabled(boolean on) {
        enabled = on;
    }

    /** Where the jobs gauges come from: counts of pending, running, successful and failed jobs. */
    public void countJobsWith(java.util.function.Supplier<long[]> counts) {
        jobs = counts;
    }

    // ------------------------------------------------------------ recording

    /** The latency series of one route (method and pattern), registered when the route is. */
    public Route route(String method, String pattern) {
        Route r = new Route(method, pattern);
        routes.add(r);
        return r;
    }

    /** A REST call starts: returns its start (System.nanoTime), or -1 when disabled. */
    public long requestStarted() {
        if (!enabled) {
            return -1;
        }
        activeRequests.update(active.incrementAndGet(), clock.millis());
        return System.nanoTime();
    }

    /** The REST call started at {@code start} (from {@link #requestStarted}) on {@code route} ended. */
    public void requestEnded(Route route, long start) {
        if (start < 0) {
            return;
        }
        long nanos = System.nanoTime() - start;
        long now = clock.millis();
        activeRequests.update(active.decrementAndGet(), now);
        if (enabled) {
            restDuration.update(nanos / 1_000_000, now);
            route.histogram.record(nanos);
        }
    }

    /** Starts timing a store of one instance: -1 when disabled. */
    public long storeStarted() {
        return enabled ? System.nanoTime() : -1;
    }

    public void storeEnded(long start) {
        record(storeDuration, start);
    }

    /** Starts timing a storage area access: -1 when disabled. */
    public long storageStarted() {
        return enabled ? System.nanoTime() : -1;
    }

    public void storageCreated(long start) {
        record(storageCreate, start);
    }

    public void storageRead(long start) {
        if (start >= 0 && enabled) {
            storageReads.increment();
        }
        record(storageRead, start);
    }

    public void storageRemoved(long start) {
        record(storageRemove, start);
    }

    private void record(WindowedMax gauge, long start) {
        if (start >= 0 && enabled) {
            gauge.update((System.nanoTime() - start) / 1_000_000, clock.millis());
        }
    }

    // ------------------------------------------------------------ export

    /**
     * The Prometheus text of Orthanc (1.12 names): counts and sizes from the
     * index, up time, last change, jobs, then the gauges that were set, then
     * the latency histograms of the routes that were called. Empty when
     * disabled.
     */
    public String prometheus(GlobalStatistics stats, long lastChange) {
        if (!enabled) {
            return "";
        }
        long now = clock.millis();
        PrometheusText t = new PrometheusText();
        t.integer("orthanc_count_instances", stats.instances(), now);
        t.integer("orthanc_count_patients", stats.patients(), now);
        t.integer("orthanc_count_series", stats.series(), now);
        t.integer("orthanc_count_studies", stats.studies(), now);
        t.integer("orthanc_dicom_cache_count", 0, now); // no DICOM cache yet: always empty
        t.megabytes("orthanc_dicom_cache_size_mb", 0, now);
        t.megabytes("orthanc_disk_size_mb", stats.diskSize(), now);
        long[] j = jobs.get();
        t.integer("orthanc_jobs_completed", j[2] + j[3], now);
        t.integer("orthanc_jobs_failed", j[3], now);
        t.integer("orthanc_jobs_pending", j[0], now);
        t.integer("orthanc_jobs_running", j[1], now);
        t.integer("orthanc_jobs_success", j[2], now);
        t.integer("orthanc_last_change", lastChange, now);
        t.gauge("orthanc_rest_api_active_requests", activeRequests.get());
        t.gauge("orthanc_rest_api_duration_ms", restDuration.get());
        // No storage cache: every read is a miss (clients add both to count storage reads).
        t.integer("orthanc_storage_cache_hit_count", 0, now);
        t.integer("orthanc_storage_cache_miss_count", storageReads.sum(), now);
        t.gauge("orthanc_storage_create_duration_ms", storageCreate.get());
        t.gauge("orthanc_storage_read_duration_ms", storageRead.get());
        t.gauge("orthanc_storage_remove_duration_ms", storageRemove.get());
        t.gauge("orthanc_store_dicom_duration_ms", storeDuration.get());
        t.megabytes("orthanc_uncompressed_size_mb", stats.uncompressedSize(), now);
        t.integer("orthanc_up_time_s", (now - startMillis) / 1000, now);
        boolean typed = false;
        for (Route r : routes) {
            LatencyHistogram.Snapshot s = r.histogram.snapshot();
            if (s.count() > 0) {
                if (!typed) {
                    t.type(ROUTE_HISTOGRAM, "histogram");
                    typed = true;
                }
                t.histogram(ROUTE_HISTOGRAM, "method=\"" + r.method + "\",route=\"" + PrometheusText.label(r.pattern)
                        + "\"", LatencyHistogram.BOUNDS_MS, s, now);
            }
        }
        return t.toString();
    }

    /** Name of the per-route latency histograms (Isengard's own, in milliseconds like Orthanc's durations). */
    public static final String ROUTE_HISTOGRAM = "isengard_rest_api_request_duration_ms";

    /** One route's latency histogram. */
    public static final class Route {
        private final String method;
        private final String pattern;
        private final LatencyHistogram histogram = new LatencyHistogram();

        private Route(String method, String pattern) {
            this.method = method;
            this.pattern = pattern;
        }
    }
}
