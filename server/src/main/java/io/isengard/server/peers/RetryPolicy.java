package io.isengard.server.peers;

import java.time.Duration;

/**
 * How often an instance is sent again after a network error or a 5xx answer
 * (Orthanc never retries; issue 7 asks for it): {@code attempts} in all,
 * waiting {@code firstDelay}, then twice as long each time.
 */
public record RetryPolicy(int attempts, Duration firstDelay) {
    /** 5 attempts over about 7.5 s: rides out a peer restarting, fails soon enough for a synchronous call. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** The wait before attempt {@code attempt} (2 for the first retry). */
    Duration delayBefore(int attempt) {
        return firstDelay.multipliedBy(1L << Math.min(20, attempt - 2));
    }
}
