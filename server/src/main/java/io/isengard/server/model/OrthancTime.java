package io.isengard.server.model;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Orthanc's timestamps: {@code YYYYMMDDTHHMMSS}, UTC unless said otherwise. */
public final class OrthancTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private OrthancTime() {}

    public static String nowUtc(Clock clock) {
        return LocalDateTime.now(clock.withZone(java.time.ZoneOffset.UTC)).format(FORMAT);
    }

    public static String format(LocalDateTime t) {
        return t.format(FORMAT);
    }
}
