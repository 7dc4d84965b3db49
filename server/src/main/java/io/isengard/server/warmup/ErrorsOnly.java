package io.isengard.server.warmup;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;

/**
 * Lets only errors through while the warm-up runs: the scratch server's own
 * messages (its port, its files) would only confuse whoever reads the log.
 *
 * <p>It filters at the appenders, not with a turbo filter: every
 * {@code isDebugEnabled()} consults the turbo filters, so one present during
 * the warm-up and gone after it would flip a branch inside every compiled
 * method that logs, and the JIT would throw that code away and compile it
 * again under the first real requests (a third of the server's CPU in the
 * first thousand uploads). Appender filters only see messages actually
 * logged.
 */
final class ErrorsOnly extends Filter<ILoggingEvent> implements AutoCloseable {
    private final List<Appender<ILoggingEvent>> appenders = new ArrayList<>();

    private ErrorsOnly() {}

    /** Mutes everything below ERROR on the root logger's appenders until {@link #close()}. */
    static ErrorsOnly mute(LoggerContext logs) {
        ErrorsOnly f = new ErrorsOnly();
        f.start();
        Iterator<Appender<ILoggingEvent>> it = logs.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        while (it.hasNext()) {
            Appender<ILoggingEvent> a = it.next();
            a.addFilter(f);
            f.appenders.add(a);
        }
        return f;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return event.getLevel().isGreaterOrEqual(Level.ERROR) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    /** Removes this filter from the appenders, leaving their other filters as they were. */
    @Override
    public void close() {
        for (Appender<ILoggingEvent> a : appenders) {
            List<Filter<ILoggingEvent>> others = new ArrayList<>(a.getCopyOfAttachedFiltersList());
            others.remove(this);
            a.clearAllFilters();
            others.forEach(a::addFilter);
        }
        appenders.clear();
    }
}
