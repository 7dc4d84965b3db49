package io.isengard.server.index.jdbc;

import static io.isengard.server.index.jdbc.IndexContractTest.file;
import static io.isengard.server.index.jdbc.IndexContractTest.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ContentType;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.ResourceType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The index primitives of labels, protection, the recycling order and the
 * bulk tools (section "labels, recycling, bulk" of IndexTransaction), on
 * every backend; each test gets a fresh, empty index.
 */
abstract class LabelsRecyclingContractTest extends FreshIndexTest {

    private <T> T write(Index.Work<T> work) {
        return index.write(work);
    }

    private <T> T read(Index.Work<T> work) {
        return index.read(work);
    }

    // ------------------------------------------------------------ labels

    @Test
    void labelsAreAddedOnceRemovedAndListedSorted() {
        IndexContractTest.Tree t = write(tx -> tree(tx, "p", "st", "se", 1));
        write(tx -> {
            tx.addLabel(t.study().internalId(), "b-label");
            tx.addLabel(t.study().internalId(), "A_label");
            tx.addLabel(t.study().internalId(), "b-label");
            tx.addLabel(t.series().internalId(), "b-label");
            return null;
        });
        assertThat(read((IndexTransaction tx) -> tx.labels(t.study().internalId()))).containsExactly("A_label", "b-label");
        assertThat(read(IndexTransaction::allLabels)).containsExactly("A_label", "b-label");
        write(tx -> {
            tx.removeLabel(t.study().internalId(), "b-label");
            tx.removeLabel(t.study().internalId(), "never-there");
            return null;
        });
        assertThat(read((IndexTransaction tx) -> tx.labels(t.study().internalId()))).containsExactly("A_label");
        assertThat(read((IndexTransaction tx) -> tx.details(List.of(t.series())).get(0).labels())).containsExactly("b-label");
    }

    @Test
    void labelsGoWithTheirResource() {
        IndexContractTest.Tree t = write(tx -> tree(tx, "p", "st", "se", 1));
        write(tx -> {
            tx.addLabel(t.instances().get(0).internalId(), "gone");
            tx.addLabel(t.patient().internalId(), "gone");
            return null;
        });
        write(tx -> tx.delete(t.patient().internalId()));
        assertThat(read(IndexTransaction::allLabels)).isEmpty();
    }

    /** Labels compare byte by byte, as Orthanc's std::string: upper case first, whatever the locale. */
    @Test
    void allLabelsAreInByteOrder() {
        IndexContractTest.Tree t = write(tx -> tree(tx, "p", "st", "se", 0));
        write(tx -> {
            for (String l : List.of("b", "B", "a", "_", "-", "0")) {
                tx.addLabel(t.series().internalId(), l);
            }
            return null;
        });
        assertThat(read(IndexTransaction::allLabels)).containsExactly("-", "0", "B", "_", "a", "b");
    }

    // ------------------------------------------------------------ protection, recycling order

    @Test
    void protectionIsAFlagOfThePatient() {
        IndexContractTest.Tree t = write(tx -> tree(tx, "p", "st", "se", 0));
        assertThat(read((IndexTransaction tx) -> tx.isProtected(t.patient().internalId()))).isFalse();
        write(tx -> {
            tx.setProtected(t.patient().internalId(), true);
            return null;
        });
        assertThat(read((IndexTransaction tx) -> tx.isProtected(t.patient().internalId()))).isTrue();
        assertThat(read((IndexTransaction tx) -> tx.details(List.of(t.patient())).get(0).isProtected())).isTrue();
        write(tx -> {
            tx.setProtected(t.patient().internalId(), false);
            return null;
        });
        assertThat(read((IndexTransaction tx) -> tx.isProtected(t.patient().internalId()))).isFalse();
    }

    @Test
    void thePatientTouchedLongestAgoIsRecycledFirst() {
        long a = patient("a");
        long b = patient("b");
        long c = patient("c");
        touch(a, b, c, a); // a received an instance again: b is now the oldest
        assertThat(read((IndexTransaction tx) -> tx.patientToRecycle(0))).isEqualTo(b);
        assertThat(read((IndexTransaction tx) -> tx.patientToRecycle(b))).as("the patient being stored is avoided").isEqualTo(c);
        write(tx -> {
            tx.setProtected(b, true);
            tx.setProtected(c, true);
            return null;
        });
        assertThat(read((IndexTransaction tx) -> tx.patientToRecycle(0))).as("protected patients are skipped").isEqualTo(a);
        assertThat(read((IndexTransaction tx) -> tx.patientToRecycle(a))).as("nothing left to recycle").isZero();
        write(tx -> tx.delete(a));
        assertThat(read((IndexTransaction tx) -> tx.patientToRecycle(0))).isZero();
    }

    @Test
    void patientsMissingFromTheOrderComeFirstByLastUpdate() {
        long tracked = patient("tracked");
        touch(tracked);
        long late = patient("late");
        long early = patient("early");
        long neverUpdated = patient("never");
        write(tx -> {
            tx.setMetadata(List.of(late), MetadataType.LastUpdate.code(), "20240102T000000");
            tx.setMetadata(List.of(early), MetadataType.LastUpdate.code(), "20240101T000000");
            return null;
        });
        assertThat(write(IndexTransaction::addMissingPatientsToRecyclingOrder)).isEqualTo(3);
        assertThat(write(IndexTransaction::addMissingPatientsToRecyclingOrder)).isZero();
        List<Long> order = recyclingOrder();
        assertThat(order.indexOf(early)).isLessThan(order.indexOf(late));
        assertThat(order.get(order.size() - 1)).isEqualTo(tracked);
        assertThat(order).contains(neverUpdated);
    }

    @Test
    void countsAndSizesMeasureTheLimits() {
        IndexContractTest.Tree t = write(tx -> tree(tx, "p", "st", "se", 2));
        write(tx -> tree(tx, "q", "st", "se", 0));
        write(tx -> {
            tx.addAttachment(t.instances().get(0).internalId(), file(ContentType.Dicom.code(), 1000));
            tx.addAttachment(t.instances().get(1).internalId(), file(ContentType.Dicom.code(), 3000));
            return null;
        });
        assertThat(read(IndexTransaction::countPatients)).isEqualTo(2);
        // file() stores size / 2 + 1 bytes on disk: the compressed sizes are what counts
        assertThat(read(IndexTransaction::totalCompressedSize)).isEqualTo(501 + 1501);
    }

    // ------------------------------------------------------------ bulk

    @Test
    void lookupAllFindsTheKnownIds() {
        IndexContractTest.Tree t = write(tx -> tree(tx, "p", "st", "se", 1));
        List<ResourceRef> found = read((IndexTransaction tx) -> tx.lookupAll(List.of(t.series().publicId(), "nope",
                t.patient().publicId())));
        assertThat(found).containsExactlyInAnyOrder(t.series(), t.patient());
    }

    @Test
    void mainTagsAndIdentifiersAreCleared() {
        IndexContractTest.Tree t = write(tx -> tree(tx, "p", "st", "se", 0));
        write(tx -> {
            for (ResourceRef r : List.of(t.patient(), t.study())) {
                tx.setMainDicomTags(r.internalId(), Map.of(0x00100020, "id"));
                tx.setIdentifierTags(r.internalId(), Map.of(0x00100020, "ID"));
            }
            tx.clearMainDicomTags(List.of(t.study().internalId()));
            return null;
        });
        assertThat(read((IndexTransaction tx) -> tx.mainDicomTags(t.study().internalId()))).isEmpty();
        assertThat(read((IndexTransaction tx) -> tx.mainDicomTags(t.patient().internalId()))).containsEntry(0x00100020, "id");
    }

    @Test
    void attachmentsOfOneTypeAreDeletedEverywhereAndTheirFilesQueued() {
        IndexContractTest.Tree t = write(tx -> tree(tx, "p", "st", "se", 2));
        write(tx -> {
            for (ResourceRef i : t.instances()) {
                tx.addAttachment(i.internalId(), file(ContentType.Dicom.code(), 10));
                tx.addAttachment(i.internalId(), file(ContentType.DicomAsJson.code(), 10));
            }
            return null;
        });
        assertThat(write((IndexTransaction tx) -> tx.deleteAttachments(ContentType.DicomAsJson.code()))).isEqualTo(2);
        assertThat(read((IndexTransaction tx) -> tx.attachments(t.instances().get(0).internalId()))).hasSize(1);
        assertThat(read((IndexTransaction tx) -> tx.deletedFiles(10))).hasSize(2);
    }

    private long patient(String name) {
        return write(tx -> tree(tx, name, "st", "se", 0)).patient().internalId();
    }

    private void touch(long... patients) {
        write(tx -> {
            for (long p : patients) {
                tx.touchPatientForRecycling(p);
            }
            return null;
        });
    }

    /** Every patient in recycling order, read by recycling them one after the other (none is protected). */
    private List<Long> recyclingOrder() {
        return write(tx -> {
            List<Long> order = new java.util.ArrayList<>();
            for (long p; (p = tx.patientToRecycle(0)) != 0; ) {
                order.add(p);
                tx.setProtected(p, true); // skipped from now on
            }
            order.forEach(p -> tx.setProtected(p, false));
            return order;
        });
    }
}
