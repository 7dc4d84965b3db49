package io.isengard.server.index.jdbc;

import java.util.ArrayDeque;

/**
 * Internal IDs of new resources taken from PostgreSQL's sequence a block at a
 * time, so that inserting a resource need not wait for the database to say
 * which ID it got ({@link PendingInserts}). IDs of a transaction that rolls
 * back are lost, as the sequence's own are; several nodes share the sequence.
 */
final class ResourceIds {
    private static final int BLOCK = 128;
    private static final String NEXT_BLOCK = "SELECT nextval(pg_get_serial_sequence('resources', 'internal_id'))"
            + " FROM generate_series(1, " + BLOCK + ")";

    private final ArrayDeque<Long> free = new ArrayDeque<>(BLOCK);

    /** The next free ID; {@code sql} (the caller's transaction) fetches a new block when none is left. */
    synchronized long next(Sql sql) {
        if (free.isEmpty()) {
            // The rows held back are new resources and their rows: they do not change the sequence.
            free.addAll(sql.queryHeldBack(NEXT_BLOCK, rs -> rs.getLong(1)));
        }
        return free.removeFirst();
    }
}
