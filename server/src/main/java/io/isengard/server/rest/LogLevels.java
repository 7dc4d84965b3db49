package io.isengard.server.rest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Orthanc's verbosities ("default", "verbose", "trace") on the root logger and per category. */
final class LogLevels {
    /** Orthanc's log categories and the loggers they stand for. */
    static final Map<String, String> CATEGORIES = Map.of(
            "generic", "io.isengard",
            "plugins", "io.isengard.server.plugins",
            "http", "io.isengard.server.rest",
            "dicom", "io.isengard.dicom",
            "sqlite", "io.isengard.server.index",
            "jobs", "io.isengard.server.jobs",
            "lua", "io.isengard.server.lua");

    private LogLevels() {}

    static String get(String loggerName) {
        Level l = ((Logger) LoggerFactory.getLogger(loggerName)).getEffectiveLevel();
        if (l.isGreaterOrEqual(Level.WARN)) {
            return "default";
        }
        return l.isGreaterOrEqual(Level.INFO) ? "verbose" : "trace";
    }

    static void set(String loggerName, String verbosity) {
        Level level = switch (verbosity.strip().toLowerCase(Locale.ROOT)) {
            case "default" -> Level.WARN;
            case "verbose" -> Level.INFO;
            case "trace" -> Level.TRACE;
            default -> throw new OrthancException(ErrorCode.ParameterOutOfRange,
                    "Verbosity can be \"default\", \"verbose\" or \"trace\": " + verbosity.strip());
        };
        ((Logger) LoggerFactory.getLogger(loggerName)).setLevel(level);
    }
}
