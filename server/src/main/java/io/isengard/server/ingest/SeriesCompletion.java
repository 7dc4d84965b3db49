package io.isengard.server.ingest;

import io.isengard.server.index.IndexTransaction;
import io.isengard.server.model.ChangeType;
import io.isengard.server.model.MetadataType;

/** Logs CompletedSeries when a series reaches its expected number of instances. */
final class SeriesCompletion {
    private SeriesCompletion() {}

    static void logIfCompleted(IndexTransaction tx, long seriesId, String now) {
        String expected = tx.metadata(seriesId).get(MetadataType.ExpectedNumberOfInstances.code());
        if (expected == null) {
            return;
        }
        if (SeriesStatus.of(expected, tx.childrenMetadata(seriesId, MetadataType.IndexInSeries.code())) == SeriesStatus.Complete) {
            tx.logChange(ChangeType.CompletedSeries, tx.lookup(seriesId), now);
        }
    }
}
