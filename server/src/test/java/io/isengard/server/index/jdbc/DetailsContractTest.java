package io.isengard.server.index.jdbc;

import static io.isengard.server.index.jdbc.IndexContractTest.addLabel;
import static io.isengard.server.index.jdbc.IndexContractTest.count;
import static io.isengard.server.index.jdbc.IndexContractTest.exec;
import static io.isengard.server.index.jdbc.IndexContractTest.file;
import static io.isengard.server.index.jdbc.IndexContractTest.id;
import static io.isengard.server.index.jdbc.IndexContractTest.sortedIds;
import static io.isengard.server.index.jdbc.IndexContractTest.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceDetails;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.index.jdbc.IndexContractTest.Tree;
import io.isengard.server.model.ContentType;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the JSON of resources reads of the index — {@code details} of a page
 * of resources, main DICOM tags, metadata — on every backend (run by {@link
 * IndexContractTest} on each, with a fresh, empty index for each test).
 */
abstract class DetailsContractTest {
    /** A fresh, empty index, closed by whoever opened it. */
    protected abstract Index index();

    private <T> T write(Index.Work<T> work) {
        return index().write(work);
    }

    private <T> T read(Index.Work<T> work) {
        return index().read(work);
    }

    // ------------------------------------------------------------ details

    @Test
    void detailsLoadTagsMetadataChildrenLabelsParentAttachmentAndIndicesInTheOrderAsked() {
        Tree t = write(tx -> tree(tx, "p", "st", "se", 3));
        Tree t2 = write(tx -> tree(tx, "p", "st", "se2", 1));
        FileInfo dicom = file(ContentType.Dicom.code(), 5000);
        FileInfo user = file(1025, 10);
        write(tx -> {
            tx.setMainDicomTags(t.patient().internalId(), Map.of(0x00100020, "PID", 0x00100010, "NAME^X"));
            tx.setMainDicomTags(t.series().internalId(), Map.of(0x0020000E, "1.2.3"));
            tx.setMetadata(t.patient().internalId(), Map.of(MetadataType.LastUpdate.code(), "20240101T000000",
                    1030, "user"));
            tx.setMetadata(t.instances().get(0).internalId(), Map.of(MetadataType.IndexInSeries.code(), "2"));
            tx.setMetadata(t.instances().get(1).internalId(), Map.of(MetadataType.IndexInSeries.code(), "1"));
            tx.addAttachment(t.instances().get(0).internalId(), dicom);
            tx.addAttachment(t.instances().get(0).internalId(), user);
            addLabel(tx, t.patient(), "b-label");
            addLabel(tx, t.patient(), "B");
            addLabel(tx, t.patient(), "a_label");
            exec(tx, "UPDATE resources SET is_protected = 1 WHERE internal_id = ?", t.patient().internalId());
            return null;
        });

        List<ResourceDetails> patients = read(tx -> tx.details(List.of(t.patient())));
        ResourceDetails p = patients.get(0);
        assertThat(p.ref()).isEqualTo(t.patient());
        assertThat(p.parentPublicId()).isNull();
        assertThat(p.mainDicomTags()).containsExactly(Map.entry(0x00100010, "NAME^X"), Map.entry(0x00100020, "PID"));
        assertThat(p.metadata()).containsExactly(Map.entry(MetadataType.LastUpdate.code(), "20240101T000000"),
                Map.entry(1030, "user"));
        assertThat(p.children()).containsExactly(t.study().publicId());
        assertThat(p.labels()).as("labels sorted as Orthanc's std::set<string> does: byte order")
                .containsExactly("B", "a_label", "b-label");
        assertThat(p.isProtected()).isTrue();
        assertThat(p.dicomFile()).isNull();
        ResourceDetails some = read(tx -> tx.details(List.of(t.patient()), List.of(MetadataType.LastUpdate.code(),
                MetadataType.ModifiedFrom.code()))).get(0);
        assertThat(some.metadata()).as("only the types asked").containsExactly(
                Map.entry(MetadataType.LastUpdate.code(), "20240101T000000"));
        assertThat(some.mainDicomTags()).isEqualTo(p.mainDicomTags());
        assertThat(read(tx -> tx.details(List.of(t.patient()), List.of())).get(0).metadata()).isEmpty();

        List<ResourceRef> instances = new ArrayList<>(t.instances());
        java.util.Collections.reverse(instances);
        List<ResourceDetails> details = read(tx -> tx.details(instances));
        assertThat(details).extracting(ResourceDetails::ref).containsExactlyElementsOf(instances);
        ResourceDetails first = details.get(2);
        assertThat(first.dicomFile()).isEqualTo(dicom);
        assertThat(first.parentPublicId()).isEqualTo(t.series().publicId());
        assertThat(first.metadata()).containsExactly(Map.entry(MetadataType.IndexInSeries.code(), "2"));
        assertThat(first.children()).isEmpty();
        assertThat(first.labels()).isEmpty();
        assertThat(first.mainDicomTags()).isEmpty();
        assertThat(first.isProtected()).isFalse();
        assertThat(details.get(0).dicomFile()).as("an instance without a dicom attachment").isNull();

        List<ResourceDetails> series = read(tx -> tx.details(List.of(t2.series(), t.series())));
        assertThat(series.get(0).childrenIndexInSeries()).containsExactly((String) null);
        assertThat(series.get(1).childrenIndexInSeries()).containsExactlyInAnyOrder("1", "2", null);
        assertThat(series.get(1).children()).isEqualTo(sortedIds(t.instances()));
        assertThat(series.get(1).mainDicomTags()).containsExactly(Map.entry(0x0020000E, "1.2.3"));
        assertThat(series.get(1).parentPublicId()).isEqualTo(t.study().publicId());
        assertThat(series.get(1).dicomFile()).isNull();

        assertThat((List<ResourceDetails>) read(tx -> tx.details(List.of()))).isEmpty();
    }

    @Test
    void detailsOfResourcesOfSeveralLevelsAtOnce() {
        Tree t = write(tx -> tree(tx, "p", "st", "se", 2));
        FileInfo dicom = file(ContentType.Dicom.code(), 100);
        write(tx -> {
            tx.addAttachment(t.instances().get(1).internalId(), dicom);
            tx.setMetadata(t.instances().get(1).internalId(), Map.of(MetadataType.IndexInSeries.code(), "7"));
            return null;
        });
        List<ResourceDetails> d = read(tx -> tx.details(List.of(t.patient(), t.series(), t.instances().get(1))));
        assertThat(d).extracting(ResourceDetails::ref).containsExactly(t.patient(), t.series(), t.instances().get(1));
        assertThat(d.get(1).childrenIndexInSeries()).containsExactlyInAnyOrder("7", null);
        assertThat(d.get(2).dicomFile()).isEqualTo(dicom);
        assertThat(d.get(0).childrenIndexInSeries()).isEmpty();
    }

    @Test
    void detailsOfMoreResourcesThanOneInListHolds() {
        int n = Sql.BATCH + 7;
        Tree t = write(tx -> tree(tx, "p", "st", "se", n));
        write(tx -> {
            for (ResourceRef r : t.instances()) {
                tx.setMetadata(r.internalId(), Map.of(MetadataType.IndexInSeries.code(), r.publicId()));
            }
            return null;
        });
        List<ResourceDetails> d = read(tx -> tx.details(tx.list(ResourceType.INSTANCE, 0, 0)));
        assertThat(d).hasSize(n);
        assertThat(d).allSatisfy(x -> assertThat(x.metadata().get(MetadataType.IndexInSeries.code()))
                .isEqualTo(x.ref().publicId()));
        assertThat(read(tx -> tx.details(List.of(t.series()))).get(0).childrenIndexInSeries()).hasSize(n);
    }

    // ------------------------------------------------------------ main tags and metadata

    /** SQLite keeps main tags it read (MainDicomTagsCache): what a later transaction changes must show. */
    @Test
    void detailsShowMainTagsWrittenAfterTheyWereRead() {
        Tree t = write(tx -> {
            Tree created = tree(tx, "p", "st", "se", 1);
            tx.setMainDicomTags(created.study().internalId(), Map.of(0x00081030, "first"));
            return created;
        });
        List<ResourceRef> both = List.of(t.study(), t.series());
        assertThat(read(tx -> tx.details(both)).get(0).mainDicomTags()).containsExactly(Map.entry(0x00081030, "first"));
        assertThat(read(tx -> tx.details(both)).get(1).mainDicomTags()).isEmpty();
        write(tx -> {
            tx.setMainDicomTags(t.study().internalId(), Map.of(0x00081030, "second"));
            tx.setMainDicomTags(t.series().internalId(), Map.of(0x0008103E, "series"));
            return null;
        });
        List<ResourceDetails> after = read(tx -> tx.details(both));
        assertThat(after.get(0).mainDicomTags()).containsExactly(Map.entry(0x00081030, "second"));
        assertThat(after.get(1).mainDicomTags()).containsExactly(Map.entry(0x0008103E, "series"));
        write(tx -> {
            tx.clearMainDicomTags(List.of(t.study().internalId()));
            return null;
        });
        assertThat(read(tx -> tx.details(both)).get(0).mainDicomTags()).isEmpty();

        // Read in a write transaction that is then rolled back: neither its rows nor what it read stay.
        assertThatThrownBy(() -> write(tx -> {
            tx.setMainDicomTags(t.study().internalId(), Map.of(0x00081030, "rolled back"));
            assertThat(tx.details(both).get(0).mainDicomTags()).containsExactly(Map.entry(0x00081030, "rolled back"));
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertThat(read(tx -> tx.details(both)).get(0).mainDicomTags()).isEmpty();
        assertThat(read(tx -> tx.details(both)).get(1).mainDicomTags()).containsExactly(Map.entry(0x0008103E, "series"));
    }

    @Test
    void mainDicomTagsAndIdentifiersAreUpserted() {
        ResourceRef p = write(tx -> tx.createResource(ResourceType.PATIENT, id("p"), 0));
        write(tx -> {
            tx.setMainDicomTags(p.internalId(), Map.of(0x00100020, "A", 0x00100010, "B"));
            tx.setIdentifierTags(p.internalId(), Map.of(0x00100020, "A"));
            return null;
        });
        write(tx -> {
            tx.setMainDicomTags(p.internalId(), Map.of(0x00100020, "C", 0x00100030, ""));
            tx.setIdentifierTags(p.internalId(), Map.of(0x00100020, "C"));
            tx.setMainDicomTags(p.internalId(), Map.of());
            return null;
        });
        assertThat((Map<Integer, String>) read(tx -> tx.mainDicomTags(p.internalId()))).containsExactly(Map.entry(0x00100010, "B"),
                Map.entry(0x00100020, "C"), Map.entry(0x00100030, ""));
        assertThat((Long) read(tx -> count(tx, "SELECT COUNT(*) FROM dicom_identifiers WHERE internal_id = ? AND tag = ?"
                + " AND value = 'C'", p.internalId(), 0x00100020))).isEqualTo(1);
        assertThat((Map<Integer, String>) read(tx -> tx.mainDicomTags(987654321L))).isEmpty();
    }

    @Test
    void metadataIsUpsertedAndItsRevisionIncrements() {
        ResourceRef p = write(tx -> tx.createResource(ResourceType.PATIENT, id("p"), 0));
        long r = p.internalId();
        assertThat((Long) read(tx -> tx.metadataRevision(r, 1024))).isEqualTo(-1);
        write(tx -> {
            tx.setMetadata(r, Map.of(1024, "one"));
            return null;
        });
        assertThat((Long) read(tx -> tx.metadataRevision(r, 1024))).isZero();
        write(tx -> {
            tx.setMetadata(r, Map.of(1024, "two"));
            return null;
        });
        write(tx -> {
            tx.setMetadata(r, Map.of(1024, "two", 1025, "other"));
            return null;
        });
        read(tx -> {
            assertThat(tx.metadataRevision(r, 1024)).isEqualTo(2);
            assertThat(tx.metadataRevision(r, 1025)).isZero();
            assertThat(tx.metadata(r)).containsExactly(Map.entry(1024, "two"), Map.entry(1025, "other"));
            return null;
        });
        assertThat((Boolean) write(tx -> tx.deleteMetadata(r, 1024))).isTrue();
        assertThat((Boolean) write(tx -> tx.deleteMetadata(r, 1024))).isFalse();
        assertThat((Long) read(tx -> tx.metadataRevision(r, 1024))).isEqualTo(-1);
        write(tx -> {
            tx.setMetadata(r, Map.of(1024, "again"));
            return null;
        });
        assertThat((Long) read(tx -> tx.metadataRevision(r, 1024))).as("a re-created metadata starts again at 0").isZero();
    }

    @Test
    void metadataIsOrderedByTypeAndCanBeSetOnSeveralResources() {
        Tree t = write(tx -> tree(tx, "p", "st", "se", 2));
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(2000, "z");
        m.put(3, "aet");
        m.put(1024, "u");
        m.put(7, "d");
        write(tx -> {
            tx.setMetadata(t.series().internalId(), m);
            return null;
        });
        assertThat(read(tx -> tx.metadata(t.series().internalId())).keySet()).containsExactly(3, 7, 1024, 2000);
        List<Long> ancestors = List.of(t.patient().internalId(), t.study().internalId(), t.series().internalId());
        write(tx -> {
            tx.setMetadata(ancestors, MetadataType.LastUpdate.code(), "20240102T030405");
            return null;
        });
        write(tx -> {
            tx.setMetadata(ancestors, MetadataType.LastUpdate.code(), "20240102T030406");
            return null;
        });
        read(tx -> {
            for (long a : ancestors) {
                assertThat(tx.metadata(a)).containsEntry(MetadataType.LastUpdate.code(), "20240102T030406");
            }
            assertThat(tx.metadataRevision(t.patient().internalId(), MetadataType.LastUpdate.code())).isEqualTo(1);
            assertThat(tx.metadataRevision(t.series().internalId(), MetadataType.LastUpdate.code()))
                    .as("type 7 of the series was set three times").isEqualTo(2);
            return null;
        });
        write(tx -> {
            tx.setMetadata(List.of(), 1024, "nothing");
            return null;
        });
    }

    @Test
    void childrenMetadataHasOneEntryPerChildNullWhenAbsent() {
        Tree t = write(tx -> tree(tx, "p", "st", "se", 3));
        write(tx -> {
            tx.setMetadata(t.instances().get(0).internalId(), Map.of(MetadataType.IndexInSeries.code(), "1"));
            tx.setMetadata(t.instances().get(2).internalId(), Map.of(MetadataType.IndexInSeries.code(), "3",
                    1024, "x"));
            return null;
        });
        assertThat((List<String>) read(tx -> tx.childrenMetadata(t.series().internalId(), MetadataType.IndexInSeries.code())))
                .containsExactlyInAnyOrder("1", "3", null);
        assertThat((List<String>) read(tx -> tx.childrenMetadata(t.series().internalId(), 1024)))
                .containsExactlyInAnyOrder("x", null, null);
        assertThat((List<String>) read(tx -> tx.childrenMetadata(t.instances().get(0).internalId(), 1))).isEmpty();
    }

    @Test
    void descendantMetadataAndMainTagsAreThoseOfTheLevelAskedBelowTheResource() {
        Tree a = write(tx -> tree(tx, "p", "st", "se1", 2));
        Tree b = write(tx -> tree(tx, "p", "st", "se2", 1));
        Tree other = write(tx -> tree(tx, "q", "st", "se", 1));
        write(tx -> {
            tx.setMainDicomTags(a.series().internalId(), Map.of(0x00080060, "CT"));
            tx.setMainDicomTags(b.series().internalId(), Map.of(0x00080060, "MR", 0x0008103E, "desc"));
            tx.setMainDicomTags(other.series().internalId(), Map.of(0x00080060, "US"));
            tx.setMainDicomTags(a.study().internalId(), Map.of(0x00080060, "not a series"));
            tx.setMetadata(a.instances().get(0).internalId(), Map.of(MetadataType.SopClassUid.code(), "1.2.1"));
            tx.setMetadata(b.instances().get(0).internalId(), Map.of(MetadataType.SopClassUid.code(), "1.2.2"));
            tx.setMetadata(other.instances().get(0).internalId(), Map.of(MetadataType.SopClassUid.code(), "9"));
            tx.setMetadata(a.series().internalId(), Map.of(MetadataType.SopClassUid.code(), "not an instance"));
            return null;
        });
        read(tx -> {
            assertThat(tx.descendantMainTag(a.study().internalId(), ResourceType.SERIES, 0x00080060))
                    .containsExactlyInAnyOrder("CT", "MR");
            assertThat(tx.descendantMainTag(a.patient().internalId(), ResourceType.SERIES, 0x00080060))
                    .containsExactlyInAnyOrder("CT", "MR");
            assertThat(tx.descendantMainTag(a.study().internalId(), ResourceType.SERIES, 0x0008103E))
                    .as("absent ones left out").containsExactly("desc");
            assertThat(tx.descendantMainTag(a.study().internalId(), ResourceType.STUDY, 0x00080060))
                    .as("below: not the resource itself").isEmpty();
            assertThat(tx.descendantMetadata(a.study().internalId(), ResourceType.INSTANCE,
                    MetadataType.SopClassUid.code())).containsExactlyInAnyOrder("1.2.1", "1.2.2");
            assertThat(tx.descendantMetadata(a.series().internalId(), ResourceType.INSTANCE,
                    MetadataType.SopClassUid.code())).containsExactly("1.2.1");
            assertThat(tx.descendantMetadata(a.instances().get(1).internalId(), ResourceType.INSTANCE,
                    MetadataType.SopClassUid.code())).isEmpty();
            return null;
        });
    }
}
