package io.isengard.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The logging switches of the command line (config.md §6), applied to
 * Logback. Switches are recorded in command-line order, so a later one
 * overrides an earlier one, as with Orthanc ({@code --verbose} resets every
 * category).
 */
public final class LoggingSetup {
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Map<LogCategory, Level> levels = new EnumMap<>(LogCategory.class);
    private Path logDirectory;
    private Path logFile;
    private boolean threadNames = true;
    private Path appliedFile;

    public LoggingSetup() {
        setAll(Level.WARN);
    }

    /** {@code --verbose}: informational messages in every category. */
    public void verbose() {
        setAll(Level.INFO);
    }

    /** {@code --trace}: everything in every category. */
    public void trace() {
        setAll(Level.TRACE);
    }

    /** {@code --verbose-CATEGORY}. */
    public void verbose(LogCategory c) {
        levels.put(c, Level.INFO);
    }

    /** {@code --trace-CATEGORY}. */
    public void trace(LogCategory c) {
        levels.put(c, Level.TRACE);
    }

    /** {@code --logdir=DIR}: a new file in DIR (replaces an earlier {@code --logfile}). */
    public void logDirectory(Path dir) {
        logDirectory = dir;
        logFile = null;
    }

    /** {@code --logfile=FILE} (replaces an earlier {@code --logdir}). */
    public void logFile(Path file) {
        logFile = file;
        logDirectory = null;
    }

    /** {@code --logs-no-thread}. */
    public void withoutThreadNames() {
        threadNames = false;
    }

    public Level level(LogCategory c) {
        return levels.get(c);
    }

    private void setAll(Level level) {
        for (LogCategory c : LogCategory.values()) {
            levels.put(c, level);
        }
    }

    /**
     * The file the log goes to, or null for standard error.
     *
     * @throws LoggingException if the directory does not exist or the file cannot be written
     */
    public Path destination() {
        if (logDirectory != null) {
            if (!Files.isDirectory(logDirectory)) {
                throw new LoggingException("The directory where to store the log files (" + logDirectory
                        + ") is inexistent, aborting.");
            }
            return logDirectory.resolve("isengard-" + LocalDateTime.now().format(FILE_STAMP) + ".log");
        }
        return logFile;
    }

    /** The file the log went to at {@link #apply()}, or null for standard error. */
    public Path appliedFile() {
        return appliedFile;
    }

    /** Reconfigures Logback; the previous configuration (e.g. logback.xml) is replaced. */
    public void apply() {
        Path file = destination();
        appliedFile = file;
        if (file != null) {
            // Logback only reports an unwritable file in its status list: find out now, and fail.
            try (FileOutputStream probe = new FileOutputStream(file.toFile(), true)) {
                probe.flush();
            } catch (IOException | SecurityException e) {
                throw new LoggingException("Cannot write the log file " + file + ": " + e.getMessage());
            }
        }
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(pattern(threadNames));
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (file == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            FileAppender<ILoggingEvent> f = new FileAppender<>();
            f.setFile(file.toString());
            f.setAppend(true);
            appender = f;
        }
        appender.setContext(ctx);
        appender.setName("main");
        appender.setEncoder(encoder);
        appender.start();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        for (LogCategory c : LogCategory.values()) {
            applyLevel(c, levels.get(c));
        }
    }

    /**
     * Sets the level of a category in the running Logback (also for
     * {@code PUT /tools/log-level-CATEGORY}). Libraries follow their category
     * but stay at INFO at most: their debug output would bury ours; the root
     * logger holds every other library and follows "generic".
     */
    public static void applyLevel(LogCategory c, Level level) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : c.ownLoggers()) {
            ctx.getLogger(name).setLevel(level);
        }
        for (String name : c.libraryLoggers()) {
            ctx.getLogger(name).setLevel(capped(level));
        }
        if (c == LogCategory.generic) {
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(capped(level));
        }
    }

    /** Sets every category, as {@code --verbose} or {@code PUT /tools/log-level} do. */
    public static void applyLevelToAll(Level level) {
        for (LogCategory c : LogCategory.values()) {
            applyLevel(c, level);
        }
    }

    /** The level in force for a category (that of its first logger). */
    public static Level currentLevel(LogCategory c) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        return ctx.getLogger(c.ownLoggers().get(0)).getEffectiveLevel();
    }

    static String pattern(boolean threadNames) {
        return "%d{HH:mm:ss.SSS} %-5level " + (threadNames ? "[%thread] " : "") + "%logger{24} - %msg%n";
    }

    private static Level capped(Level level) {
        return level.isGreaterOrEqual(Level.INFO) ? level : Level.INFO;
    }

    /** A logging switch that cannot be honoured: the server must not start. */
    public static final class LoggingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoggingException(String message) {
            super(message);
        }
    }
}
