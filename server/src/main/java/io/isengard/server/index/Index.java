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

    /**
     * Runs a read-write unit of work like {@link #write}, but possibly in one
     * transaction with the grouped work of other threads (group commit): it
     * returns, or throws what the work threw, once that transaction has
     * committed, so the result is as durable as with {@link #write}. A work
     * that fails is undone alone; the others of its group are kept.
     */
    default <T> T writeGrouped(Work<T> work) {
        return write(work);
    }

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
