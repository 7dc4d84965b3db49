package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.index.ChangeQuery;
import io.isengard.server.index.Change;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ChangeType;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an ingest writes through {@code writeGrouped} — on PostgreSQL held back
 * and sent in one round trip ({@link PendingInserts}) — reads back as plain
 * writes would have left it: rows, metadata revisions, the order of changes;
 * reads inside the work see the work's own writes; and a work whose held-back
 * rows fail is undone alone. On each backend (subclasses).
 */
abstract class GroupedIngestRowsTest extends FreshIndexTest {
    private static final int TAG_PATIENT_NAME = 0x00100010;
    private static final int TAG_PATIENT_ID = 0x00100020;
    private static final int META_A = 1030;
    private static final int META_B = 1031;

    @Test
    void groupedWritesReadBackAsPlainWrites() {
        List<String> seenInside = index.writeGrouped(tx -> {
            ResourceRef patient = tx.createResource(ResourceType.PATIENT, "p-1", 0);
            ResourceRef study = tx.createResource(ResourceType.STUDY, "s-1", patient.internalId());
            tx.setMainDicomTags(patient.internalId(), Map.of(TAG_PATIENT_NAME, "Doe^Jane", TAG_PATIENT_ID, "ID1"));
            tx.setIdentifierTags(patient.internalId(), Map.of(TAG_PATIENT_ID, "ID1"));
            tx.setMetadata(patient.internalId(), Map.of(META_A, "first"));
            tx.setMetadata(List.of(patient.internalId(), study.internalId()), META_A, "second");
            tx.setMetadata(patient.internalId(), Map.of(META_A, "third", META_B, "b"));
            tx.addAttachment(study.internalId(), new FileInfo("uuid-1", 1, 10, "md5", 10, "md5", 1, 0));
            tx.logChange(ChangeType.NewPatient, patient, "20261129T000000");
            tx.logChange(ChangeType.NewStudy, study, "20261129T000001");
            tx.logChange(ChangeType.StableStudy, study, "20261129T000002");
            List<String> seen = new ArrayList<>();
            for (ResourceRef r : tx.lookupAll(List.of("s-1", "p-1", "unknown"))) {
                seen.add(r.publicId() + "@" + r.type() + "<" + (r.parentId() == patient.internalId() ? "p" : "-"));
            }
            java.util.Collections.sort(seen); // lookupAll's order is unspecified
            seen.add(tx.metadata(patient.internalId()).toString());
            seen.add(tx.metadata(study.internalId()).toString());
            // A statement that is not an ingest read: sees everything, the held-back rows sent first.
            seen.add(tx.lookup("s-1").publicId() + " " + tx.mainDicomTags(patient.internalId()));
            return seen;
        });
        assertThat(seenInside).containsExactly("p-1@PATIENT<-", "s-1@STUDY<p", "{1030=third, 1031=b}",
                "{1030=second}", "s-1 {1048592=Doe^Jane, 1048608=ID1}");

        index.read(tx -> {
            ResourceRef patient = tx.lookup("p-1");
            ResourceRef study = tx.lookup("s-1");
            assertThat(study.parentId()).isEqualTo(patient.internalId());
            // Three writes of META_A on the patient: created, then two overwrites.
            assertThat(tx.storedMetadata(patient.internalId(), META_A).revision()).isEqualTo(2);
            assertThat(tx.storedMetadata(patient.internalId(), META_A).value()).isEqualTo("third");
            assertThat(tx.storedMetadata(patient.internalId(), META_B).revision()).isZero();
            assertThat(tx.storedMetadata(study.internalId(), META_A).revision()).isZero();
            assertThat(tx.attachments(study.internalId())).extracting(FileInfo::uuid).containsExactly("uuid-1");
            List<Change> changes = tx.changes(new ChangeQuery(0, Long.MAX_VALUE, null, 100, false));
            assertThat(changes).extracting(Change::changeType)
                    .containsExactly(ChangeType.NewPatient, ChangeType.NewStudy, ChangeType.StableStudy);
            return null;
        });

        // Overwrites of a committed metadata in one later work count each.
        index.writeGrouped(tx -> {
            long patient = tx.lookupAll(List.of("p-1")).get(0).internalId();
            tx.setMetadata(patient, Map.of(META_B, "b2"));
            tx.setMetadata(patient, Map.of(META_B, "b3"));
            ResourceRef series = tx.createResource(ResourceType.SERIES, "se-1", tx.lookup("s-1").internalId());
            tx.setMetadata(series.internalId(), Map.of(META_A, "x"));
            return null;
        });
        index.read(tx -> {
            long patient = tx.lookup("p-1").internalId();
            assertThat(tx.storedMetadata(patient, META_B)).satisfies(m -> {
                assertThat(m.value()).isEqualTo("b3");
                assertThat(m.revision()).isEqualTo(2);
            });
            assertThat(tx.children(tx.lookup("s-1").internalId())).extracting(ResourceRef::publicId)
                    .containsExactly("se-1");
            return null;
        });
    }

    @Test
    void aSeriesMetadataReadWithItsLookupIsForgottenWhenAnotherStatementChangesIt() {
        index.writeGrouped(tx -> {
            ResourceRef patient = tx.createResource(ResourceType.PATIENT, "p-2", 0);
            ResourceRef study = tx.createResource(ResourceType.STUDY, "s-2", patient.internalId());
            ResourceRef series = tx.createResource(ResourceType.SERIES, "se-2", study.internalId());
            tx.setMetadata(series.internalId(), Map.of(META_A, "a"));
            return null;
        });
        Map<Integer, String> seen = index.writeGrouped(tx -> {
            long series = tx.lookupAll(List.of("se-2")).get(0).internalId();
            assertThat(tx.metadata(series)).containsExactly(Map.entry(META_A, "a"));
            tx.putMetadata(series, META_B, "written at once");
            return tx.metadata(series);
        });
        assertThat(seen).containsEntry(META_A, "a").containsEntry(META_B, "written at once");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aWorkWhoseRowsFailIsUndoneAloneInItsGroup() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(2);
        Map<String, Object> outcomes = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (String name : List.of("first", "bad", "good")) {
            threads.add(Thread.ofPlatform().start(() -> {
                if (!name.equals("first")) {
                    GroupCommitTest.awaitQuietly(firstRunning);
                    othersQueued.countDown();
                }
                try {
                    outcomes.put(name, index.writeGrouped(tx -> {
                        ResourceRef p = tx.createResource(ResourceType.PATIENT, "patient-" + name, 0);
                        // A null value breaks the metadata table's NOT NULL: when this row is sent,
                        // which on PostgreSQL is only with the whole group's rows.
                        tx.setMetadata(p.internalId(), java.util.Collections.singletonMap(META_A,
                                name.equals("bad") ? null : name));
                        if (name.equals("first")) {
                            firstRunning.countDown();
                            GroupCommitTest.awaitQuietly(othersQueued);
                            GroupCommitTest.sleepQuietly(300);
                        }
                        return name;
                    }));
                } catch (RuntimeException e) {
                    outcomes.put(name, e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(outcomes.get("first")).isEqualTo("first");
        assertThat(outcomes.get("good")).isEqualTo("good");
        assertThat(outcomes.get("bad")).isInstanceOf(RuntimeException.class);
        index.read(tx -> {
            assertThat(tx.lookup("patient-first")).isNotNull();
            assertThat(tx.lookup("patient-good")).isNotNull();
            assertThat(tx.lookup("patient-bad")).isNull();
            assertThat(tx.metadata(tx.lookup("patient-good").internalId())).containsEntry(META_A, "good");
            return null;
        });
    }
}
