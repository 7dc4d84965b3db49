package io.isengard.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.isengard.server.config.DefaultEncoding;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.OrthancTime;
import io.isengard.server.model.ResourceType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/** The /tools routes of the core (rest-core.md §11) that need no other service. */
public final class ToolsRoutes {
    /** Every sub-route of /tools in Orthanc 1.12.11, listed by GET /tools. */
    static final Set<String> TOOLS = new TreeSet<>(Set.of("accepted-sop-classes", "accepted-transfer-syntaxes",
            "bulk-anonymize", "bulk-content", "bulk-delete", "bulk-modify", "count-resources", "create-archive",
            "create-dicom", "create-media", "create-media-extended", "default-encoding", "dicom-conformance",
            "dicom-echo", "execute-script", "find", "generate-uid", "invalidate-tags", "labels", "log-level",
            "log-level-dicom", "log-level-generic", "log-level-http", "log-level-jobs", "log-level-lua",
            "log-level-plugins", "log-level-sqlite", "lookup", "metrics", "metrics-prometheus", "now", "now-local",
            "reconstruct", "reset", "shutdown", "unknown-sop-class-accepted"));

    private final Clock clock;
    private final AtomicReference<DefaultEncoding> defaultEncoding;
    private final ServerControl control;

    public ToolsRoutes(Clock clock, AtomicReference<DefaultEncoding> defaultEncoding, ServerControl control) {
        this.clock = clock;
        this.defaultEncoding = defaultEncoding;
        this.control = control;
    }

    public void register(OrthancRouter r) {
        r.get("/tools", call -> {
            ArrayNode a = Json.array();
            TOOLS.forEach(a::add);
            call.answerJson(a);
        });
        r.get("/tools/now", call -> call.answerText(OrthancTime.nowUtc(clock)));
        r.get("/tools/now-local", call -> call.answerText(OrthancTime.format(LocalDateTime.now(clock.withZone(
                java.time.ZoneId.systemDefault())))));
        r.get("/tools/generate-uid", this::generateUid);
        r.get("/tools/dicom-conformance", call -> call.answerText(DicomConformance.TEXT));
        r.get("/tools/default-encoding", call -> call.answerText(defaultEncoding.get().name()));
        r.put("/tools/default-encoding", call -> {
            DefaultEncoding encoding = DefaultEncoding.parse(call.bodyAsString().strip());
            defaultEncoding.set(encoding);
            call.answerText(encoding.name());
        });
        r.get("/tools/log-level", call -> call.answerText(LogLevels.get(Logger.ROOT_LOGGER_NAME)));
        r.put("/tools/log-level", call -> {
            LogLevels.set(Logger.ROOT_LOGGER_NAME, call.bodyAsString());
            call.answerText("");
        });
        LogLevels.CATEGORIES.forEach((category, logger) -> {
            r.get("/tools/log-level-" + category, call -> call.answerText(LogLevels.get(logger)));
            r.put("/tools/log-level-" + category, call -> {
                LogLevels.set(logger, call.bodyAsString());
                call.answerText("");
            });
        });
        r.post("/tools/shutdown", call -> {
            call.answerJson(Json.object());
            control.shutdown();
        });
        r.post("/tools/reset", call -> {
            call.answerJson(Json.object());
            control.restart();
        });
    }

    private void generateUid(RestCall call) throws IOException {
        String level = call.argument("level", null);
        if (level == null || ResourceType.parse(level) == null) {
            return; // Orthanc leaves the call unanswered: 404
        }
        call.answerText(newUid());
    }

    /** A UUID-derived UID (PS3.5 §B.2): unique without a registered root. */
    public static String newUid() {
        UUID u = UUID.randomUUID();
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }
}
