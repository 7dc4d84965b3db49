package io.isengard.server.ingest;

import io.isengard.server.config.MaximumStorageMode;
import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MaximumStorageSize and MaximumPatientCount (resources.md §3, §15), checked
 * in the transaction that stores an instance, once its resources and file
 * are recorded. Recycle deletes the unprotected patients that received an
 * instance longest ago, never the patient being stored; Reject fails the
 * store (HTTP 507) and nothing of it is kept. Without a limit nothing is
 * queried.
 */
public final class StorageLimits {
    private static final Logger LOG = LoggerFactory.getLogger(StorageLimits.class);
    private static final long MB = 1024 * 1024;

    /** No limit: the store is never full. */
    public static final StorageLimits NONE = new StorageLimits(0, 0, MaximumStorageMode.Recycle);

    private final long maximumBytes;
    private final long maximumPatients;
    private final MaximumStorageMode mode;

    /** {@code maximumStorageSizeMb} and {@code maximumPatientCount}: 0 for no limit. */
    public StorageLimits(long maximumStorageSizeMb, long maximumPatientCount, MaximumStorageMode mode) {
        this.maximumBytes = maximumStorageSizeMb * MB;
        this.maximumPatients = maximumPatientCount;
        this.mode = mode;
    }

    public boolean enabled() {
        return maximumBytes > 0 || maximumPatients > 0;
    }

    /**
     * At startup: patients that received instances while no limit was in
     * force have no place in the recycling order yet; they get one before
     * the others.
     */
    public void prepare(Index index) {
        if (!enabled()) {
            return;
        }
        int added = index.write(IndexTransaction::addMissingPatientsToRecyclingOrder);
        if (added > 0) {
            LOG.info("{} patients added to the recycling order", added);
        }
    }

    /**
     * Makes room for an instance just recorded under {@code patientId}, whose
     * files take {@code addedBytes} on disk.
     *
     * @return true if patients were recycled (their files are to be removed after the commit)
     */
    boolean makeRoom(IndexTransaction tx, long patientId, long addedBytes) {
        if (!enabled()) {
            return false;
        }
        tx.touchPatientForRecycling(patientId);
        if (maximumBytes > 0 && addedBytes > maximumBytes) {
            throw new OrthancException(ErrorCode.FullStorage, "Cannot store an instance of size " + addedBytes
                    + " bytes in a storage area limited to " + maximumBytes);
        }
        long patients = maximumPatients > 0 ? tx.countPatients() : 0;
        if (!isFull(tx, patients)) {
            return false;
        }
        if (mode == MaximumStorageMode.Reject) {
            throw new OrthancException(ErrorCode.FullStorage, describeLimits() + " reached, MaximumStorageMode is "
                    + "Reject: the instance is not stored", 507, null);
        }
        do {
            long victim = tx.patientToRecycle(patientId);
            if (victim == 0) {
                throw new OrthancException(ErrorCode.FullStorage, "Cannot recycle more patients");
            }
            LOG.info("Recycling patient {} ({})", tx.lookup(victim).publicId(), describeLimits());
            tx.delete(victim);
            patients--;
        } while (isFull(tx, patients));
        return true;
    }

    private boolean isFull(IndexTransaction tx, long patients) {
        return (maximumPatients > 0 && patients > maximumPatients)
                || (maximumBytes > 0 && tx.totalCompressedSize() > maximumBytes);
    }

    private String describeLimits() {
        StringBuilder b = new StringBuilder();
        if (maximumPatients > 0) {
            b.append("MaximumPatientCount ").append(maximumPatients);
        }
        if (maximumBytes > 0) {
            b.append(b.isEmpty() ? "" : " or ").append("MaximumStorageSize ").append(maximumBytes / MB).append(" MB");
        }
        return b.toString();
    }
}
