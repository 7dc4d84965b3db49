package io.isengard.server.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorsOnlyTest {

    @Test
    void mutesAllButErrorsAtTheAppendersAndLeavesTheTurboFiltersAndOtherFiltersAlone() {
        LoggerContext logs = new LoggerContext();
        Logger root = logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(logs);
        Filter<ILoggingEvent> users = new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                return event.getMessage().contains("secret") ? FilterReply.DENY : FilterReply.NEUTRAL;
            }
        };
        appender.addFilter(users);
        appender.start();
        root.addAppender(appender);
        Logger log = logs.getLogger("scratch");

        try (ErrorsOnly mute = ErrorsOnly.mute(logs)) {
            log.warn("listening on port 1234");
            log.error("a real error");
            // The hot paths' checks see the same logger state as without the warm-up.
            assertTrue(logs.getTurboFilterList().isEmpty());
            assertTrue(log.isInfoEnabled());
        }
        log.warn("after the warm-up");
        log.warn("a secret");

        assertEquals(List.of("a real error", "after the warm-up"),
                appender.list.stream().map(ILoggingEvent::getMessage).toList());
        assertEquals(List.of(users), appender.getCopyOfAttachedFiltersList());
    }
}
