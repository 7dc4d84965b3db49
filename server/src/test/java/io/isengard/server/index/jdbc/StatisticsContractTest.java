package io.isengard.server.index.jdbc;

import static io.isengard.server.index.jdbc.IndexContractTest.count;
import static io.isengard.server.index.jdbc.IndexContractTest.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.index.GlobalStatistics;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.index.ResourceStatistics;
import io.isengard.server.index.jdbc.IndexContractTest.Tree;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.OrthancId;
import io.isengard.server.model.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The counts and sizes of GET /statistics and of a resource's statistics,
 * on every backend (the global totals are kept by triggers, migration V6);
 * each test gets a fresh, empty index.
 */
abstract class StatisticsContractTest extends FreshIndexTest {

    @Test
    void statisticsCountResourcesAndAttachmentSizes() {
        assertThat((GlobalStatistics) index.read(IndexTransaction::statistics)).isEqualTo(new GlobalStatistics(0, 0, 0, 0, 0, 0));
        Tree a = index.write(tx -> tree(tx, "p", "st1", "se1", 2));
        Tree b = index.write(tx -> tree(tx, "p", "st1", "se2", 1));
        Tree c = index.write(tx -> tree(tx, "p", "st2", "se1", 1));
        Tree d = index.write(tx -> tree(tx, "q", "st1", "se1", 1));
        index.write(tx -> {
            for (Tree t : List.of(a, b, c, d)) {
                for (ResourceRef i : t.instances()) {
                    tx.addAttachment(i.internalId(), new FileInfo(UUID.randomUUID().toString(), 1, 1000, null, 400,
                            null, FileInfo.COMPRESSION_ZLIB_WITH_SIZE, 0));
                }
            }
            tx.addAttachment(a.instances().get(0).internalId(), new FileInfo(UUID.randomUUID().toString(), 1024, 7,
                    null, 7, null, FileInfo.COMPRESSION_NONE, 0));
            tx.addAttachment(a.study().internalId(), new FileInfo(UUID.randomUUID().toString(), 1025, 50, null, 20,
                    null, FileInfo.COMPRESSION_ZLIB_WITH_SIZE, 0));
            return null;
        });
        assertThat((GlobalStatistics) index.read(IndexTransaction::statistics))
                .isEqualTo(new GlobalStatistics(2, 3, 4, 5, 5 * 400 + 7 + 20, 5 * 1000 + 7 + 50));
        index.read(tx -> {
            assertThat(tx.statistics(a.patient())).isEqualTo(
                    new ResourceStatistics(2, 3, 4, 4 * 400 + 7 + 20, 4 * 1000 + 7 + 50, 4 * 400, 4 * 1000));
            assertThat(tx.statistics(a.study())).isEqualTo(
                    new ResourceStatistics(1, 2, 3, 3 * 400 + 7 + 20, 3 * 1000 + 7 + 50, 3 * 400, 3 * 1000));
            assertThat(tx.statistics(c.study())).isEqualTo(new ResourceStatistics(1, 1, 1, 400, 1000, 400, 1000));
            assertThat(tx.statistics(a.series())).isEqualTo(
                    new ResourceStatistics(0, 1, 2, 2 * 400 + 7, 2 * 1000 + 7, 2 * 400, 2 * 1000));
            assertThat(tx.statistics(a.instances().get(0))).isEqualTo(
                    new ResourceStatistics(0, 0, 1, 400 + 7, 1000 + 7, 400, 1000));
            assertThat(tx.statistics(d.patient())).isEqualTo(new ResourceStatistics(1, 1, 1, 400, 1000, 400, 1000));
            return null;
        });
        index.write(tx -> tx.delete(a.study().internalId()));
        assertThat((GlobalStatistics) index.read(IndexTransaction::statistics)).isEqualTo(new GlobalStatistics(2, 2, 2, 2, 800, 2000));
    }

    @Test
    void statisticsStayExactAcrossManyWritesAndDeletions() {
        // Over a thousand writing transactions, each adding to the totals kept by triggers (migration V6).
        List<ResourceRef> patients = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            int n = i;
            patients.add(index.write(tx -> {
                ResourceRef p = tx.createResource(ResourceType.PATIENT, OrthancId.hash("many" + n), 0);
                tx.addAttachment(p.internalId(), new FileInfo(UUID.randomUUID().toString(), 1, 10 + n, null, n, null,
                        FileInfo.COMPRESSION_ZLIB_WITH_SIZE, 0));
                return p;
            }));
        }
        index.write(tx -> {
            for (int i = 0; i < 300; i++) {
                tx.delete(patients.get(i).internalId());
            }
            return null;
        });
        long compressed = 0;
        long uncompressed = 0;
        for (int n = 300; n < 1100; n++) {
            compressed += n;
            uncompressed += 10 + n;
        }
        assertThat((GlobalStatistics) index.read(IndexTransaction::statistics))
                .isEqualTo(new GlobalStatistics(800, 0, 0, 0, compressed, uncompressed));
        // One row (SQLite) or one per writer slot (PostgreSQL), however many writes.
        assertThat((Long) index.read(tx -> count(tx, "SELECT COUNT(*) FROM statistics_totals"))).isLessThanOrEqualTo(16);
    }

}
