package io.isengard.server.rest;

import ch.qos.logback.classic.Level;
import io.isengard.server.logging.LogCategory;
import io.isengard.server.logging.LoggingSetup;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Orthanc's verbosities ("default", "verbose", "trace") for all categories
 * (the root) and per category, applied as the command line's switches are.
 */
final class LogLevels {
    /** Orthanc's log categories and the first logger each stands for. */
    static final Map<String, String> CATEGORIES = categories();

    private LogLevels() {}

    private static Map<String, String> categories() {
        Map<String, String> m = new LinkedHashMap<>();
        for (LogCategory c : LogCategory.values()) {
            m.put(c.name(), c.ownLoggers().get(0));
        }
        return Map.copyOf(m);
    }

    static String get(String loggerName) {
        Level l = LoggingSetup.currentLevel(category(loggerName));
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
        if (loggerName.equals(Logger.ROOT_LOGGER_NAME)) {
            // Like Orthanc's global level, it resets every category.
            LoggingSetup.applyLevelToAll(level);
        } else {
            LoggingSetup.applyLevel(category(loggerName), level);
        }
    }

    /** The root reads as "generic", the category holding everything not in another one. */
    private static LogCategory category(String loggerName) {
        for (LogCategory c : LogCategory.values()) {
            if (c.ownLoggers().get(0).equals(loggerName)) {
                return c;
            }
        }
        return LogCategory.generic;
    }
}
