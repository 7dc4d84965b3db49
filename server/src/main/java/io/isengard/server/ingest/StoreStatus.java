package io.isengard.server.ingest;

/** The "Status" of a stored instance (rest-core.md §3). */
public enum StoreStatus {
    Success, AlreadyStored, FilteredOut, Failure, StorageFull
}
