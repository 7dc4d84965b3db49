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

    /**
     * Orthanc's job times ({@code YYYYMMDDTHHMMSS.ffffff}, UTC, boost's ISO
     * form): microseconds, the fraction left out only when it is zero.
     */
    public static String formatMicros(java.time.Instant t) {
        LocalDateTime utc = LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC);
        int micros = utc.getNano() / 1000;
        // Zero-padded by hand: String.format here was a 170 ms C2 compilation under a peer store (job saves).
        return utc.format(FORMAT) + (micros == 0 ? "" : "." + Integer.toString(1_000_000 + micros).substring(1));
    }

    /** The reverse of {@link #formatMicros}. */
    public static java.time.Instant parseMicros(String text) {
        int dot = text.indexOf('.');
        LocalDateTime t = LocalDateTime.parse(dot < 0 ? text : text.substring(0, dot), FORMAT);
        long micros = dot < 0 ? 0 : Long.parseLong(text.substring(dot + 1));
        return t.toInstant(java.time.ZoneOffset.UTC).plusNanos(micros * 1000);
    }
}
