package io.isengard.server.index;

/**
 * The index (the database of resources, tags, metadata, attachments and
 * changes). Every unit of work runs in one transaction; writes are retried
 * when the database reports a serialization failure or a concurrent insert,
 * so several Isengard nodes can share one PostgreSQL database. A unit of
 * work may therefore run more than once: it must not have side effects
 * outside the transaction.
 */
public interface Index extends AutoCloseable {

    /** Runs a read-only unit of work. */
    <T> T read(Work<T> work);

    /** Runs a read-write unit of work, retried on transient conflicts. */
    <T> T write(Work<T> work);

    /** "SQLite" or "PostgreSQL", for logs and /system. */
    String backendName();

    @Override
    void close();

    /** A unit of work. */
    @FunctionalInterface
    interface Work<T> {
        T run(IndexTransaction tx);
    }
}
