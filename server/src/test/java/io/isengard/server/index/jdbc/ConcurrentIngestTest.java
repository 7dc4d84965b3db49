package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.index.Change;
import io.isengard.server.index.ChangeQuery;
import io.isengard.server.index.GlobalStatistics;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.ingest.IngestOrigin;
import io.isengard.server.ingest.IngestService;
import io.isengard.server.ingest.MainDicomTags;
import io.isengard.server.ingest.StabilityMonitor;
import io.isengard.server.ingest.StoreResult;
import io.isengard.server.ingest.StoreStatus;
import io.isengard.server.model.ChangeType;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.ResourceType;
import io.isengard.server.storage.AttachmentStore;
import io.isengard.server.storage.DeletedFilesCollector;
import io.isengard.server.storage.FilesystemStorageArea;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several ingest threads, possibly on several "nodes" (each its own {@link
 * Index} with its own connection pool) sharing one database and one storage
 * folder, store instances of the same new patient, study and series at once:
 * every resource must exist once, every instance must be stored with its
 * file, and every change must be logged once.
 */
abstract class ConcurrentIngestTest {
    static final int INSTANCES_PER_THREAD = 12;
    static final int SERIES = 2;

    @TempDir
    Path storage;

    /** The nodes' indexes, all on one database; the test closes them. */
    protected abstract List<Index> openNodes() throws Exception;

    protected abstract int threadsPerNode();

    @Test
    void concurrentIngestOfOneNewHierarchyCreatesEachResourceOnceAndLosesNothing() throws Exception {
        List<Index> nodes = openNodes();
        List<StabilityMonitor> monitors = new ArrayList<>();
        int threads = nodes.size() * threadsPerNode();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            FilesystemStorageArea area = new FilesystemStorageArea(storage, false);
            List<IngestService> ingest = new ArrayList<>();
            for (Index index : nodes) {
                StabilityMonitor m = new StabilityMonitor(index, Clock.systemUTC(), 3600);
                monitors.add(m);
                ingest.add(new IngestService(index, new AttachmentStore(area, false, true),
                        new DeletedFilesCollector(index, area), new MainDicomTags(), m, Clock.systemUTC(), false));
            }
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<List<StoreResult>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                IngestService service = ingest.get(t % nodes.size());
                results.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    List<StoreResult> stored = new ArrayList<>();
                    for (int k = 0; k < INSTANCES_PER_THREAD; k++) {
                        int n = thread * INSTANCES_PER_THREAD + k;
                        byte[] file = TestInstances.instance("CONCURRENT", "1.2.3.4", "1.2.3.4." + (n % SERIES + 1),
                                "1.2.3.4.9." + n, n + 1);
                        try (InputStream in = new ByteArrayInputStream(file)) {
                            stored.add(service.store(in, IngestOrigin.rest("127.0.0.1", "")));
                        }
                    }
                    return stored;
                }));
            }
            List<StoreResult> all = new ArrayList<>();
            for (Future<List<StoreResult>> f : results) {
                all.addAll(f.get(5, TimeUnit.MINUTES));
            }
            int expected = threads * INSTANCES_PER_THREAD;
            assertThat(all).hasSize(expected).allSatisfy(r -> assertThat(r.status()).isEqualTo(StoreStatus.Success));
            assertThat(all.stream().map(StoreResult::instanceId).distinct()).hasSize(expected);

            Index index = nodes.get(nodes.size() - 1);
            index.read(tx -> {
                assertThat(tx.list(ResourceType.PATIENT, 0, 0)).hasSize(1);
                assertThat(tx.list(ResourceType.STUDY, 0, 0)).hasSize(1);
                List<ResourceRef> series = tx.list(ResourceType.SERIES, 0, 0);
                assertThat(series).hasSize(SERIES);
                List<ResourceRef> instances = tx.list(ResourceType.INSTANCE, 0, 0);
                assertThat(instances).extracting(ResourceRef::publicId)
                        .containsExactlyInAnyOrderElementsOf(all.stream().map(StoreResult::instanceId).toList());
                for (ResourceRef s : series) {
                    assertThat(tx.children(s.internalId())).hasSize(expected / SERIES);
                }
                long compressed = 0;
                long uncompressed = 0;
                for (ResourceRef i : instances) {
                    FileInfo f = tx.attachment(i.internalId(), 1);
                    assertThat(f).as("dicom attachment of %s", i.publicId()).isNotNull();
                    assertThat(area.pathOf(f.uuid())).as("stored file of %s", i.publicId()).exists();
                    compressed += f.compressedSize();
                    uncompressed += f.uncompressedSize();
                }
                // The totals kept by triggers (V6) count neither retried nor rolled-back work twice.
                assertThat(tx.statistics())
                        .isEqualTo(new GlobalStatistics(1, 1, SERIES, expected, compressed, uncompressed));
                List<Change> changes = tx.changes(new ChangeQuery(0, Long.MAX_VALUE, Set.of(), 100_000, false));
                Map<ChangeType, Long> byType = changes.stream()
                        .collect(Collectors.groupingBy(Change::changeType, Collectors.counting()));
                assertThat(byType).containsEntry(ChangeType.NewInstance, (long) expected)
                        .containsEntry(ChangeType.NewSeries, (long) SERIES)
                        .containsEntry(ChangeType.NewStudy, 1L)
                        .containsEntry(ChangeType.NewPatient, 1L);
                assertThat(changes.stream().filter(c -> c.changeType() == ChangeType.NewInstance).map(Change::publicId)
                        .distinct()).hasSize(expected);
                assertThat(tx.deletedFiles(10)).isEmpty();
                return null;
            });
            assertThat(area.pendingUuids()).as("no pending file left").isEmpty();
            long retries = nodes.stream().mapToLong(n -> ((JdbcIndex) n).retriedTransactions()).sum();
            System.out.printf("%s: %d instances stored by %d threads on %d node(s), %d transaction(s) retried%n",
                    getClass().getSimpleName(), expected, threads, nodes.size(), retries);
        } finally {
            pool.shutdownNow();
            monitors.forEach(StabilityMonitor::close);
            nodes.forEach(Index::close);
        }
    }
}
