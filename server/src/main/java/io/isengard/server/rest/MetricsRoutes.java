package io.isengard.server.rest;

import io.isengard.server.index.GlobalStatistics;
import io.isengard.server.index.Index;
import io.isengard.server.metrics.ServerMetrics;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** GET/PUT /tools/metrics and GET /tools/metrics-prometheus (rest-core.md §11), and the timing of every route. */
public final class MetricsRoutes {
    /** Orthanc's content type of the Prometheus text. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4";

    private final Index index;
    private final ServerMetrics metrics;

    public MetricsRoutes(Index index, ServerMetrics metrics) {
        this.index = index;
        this.metrics = metrics;
    }

    public void register(OrthancRouter r) {
        r.get("/tools/metrics", call -> call.answerText(metrics.enabled() ? "1" : "0"));
        r.put("/tools/metrics", call -> {
            metrics.setEnabled(parseBoolean(call.bodyAsString()));
            call.answerText("");
        });
        r.get("/tools/metrics-prometheus", this::prometheus);
    }

    private void prometheus(RestCall call) throws IOException {
        String text = "";
        if (metrics.enabled()) {
            record Counts(GlobalStatistics stats, long lastChange) {
            }
            Counts c = index.read(tx -> new Counts(tx.statistics(), tx.lastChangeSeq()));
            text = metrics.prometheus(c.stats(), c.lastChange());
        }
        // Disabled: an empty answer, without Content-Type as every empty answer of 1.12.2+ (rest-core.md §1).
        call.answer(200, text.getBytes(StandardCharsets.UTF_8), PROMETHEUS_TEXT);
    }

    /** Orthanc's Boolean body: "0", "1", "true", "false", case-sensitive, blanks around allowed; else 400. */
    static boolean parseBoolean(String body) {
        return switch (body.strip()) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new OrthancException(ErrorCode.BadFileFormat, "Boolean value expected");
        };
    }

    /** Times every route into {@code metrics} (REST duration, active requests, per-route histogram). */
    public static OrthancRouter.Decorator timing(ServerMetrics metrics) {
        return (method, pattern, handler) -> {
            ServerMetrics.Route route = metrics.route(method.name(), pattern);
            return call -> {
                long start = metrics.requestStarted();
                try {
                    handler.handle(call);
                } finally {
                    metrics.requestEnded(route, start);
                }
            };
        };
    }
}
