package io.isengard.server.ingest;

/**
 * Told of every instance stored or already stored, once it is durable (Lua's
 * OnStoredInstance). Runs on the ingest thread: it must only hand the work on.
 */
@FunctionalInterface
public interface StoredInstanceListener {
    void stored(StoreResult result, IngestOrigin origin);
}
