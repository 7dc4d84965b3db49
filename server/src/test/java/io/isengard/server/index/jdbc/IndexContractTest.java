package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.server.index.Change;
import io.isengard.server.index.ChangeQuery;
import io.isengard.server.index.Index;
import io.isengard.server.index.IndexException;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceDetails;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ChangeType;
import io.isengard.server.model.ContentType;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.OrthancId;
import io.isengard.server.model.ResourceType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link IndexTransaction}, run against every backend by the
 * subclasses (each test gets a fresh, empty index).
 */
abstract class IndexContractTest extends FreshIndexTest {

    // ------------------------------------------------------------ helpers

    /** A patient → study → series → instances tree. */
    record Tree(ResourceRef patient, ResourceRef study, ResourceRef series, List<ResourceRef> instances) {
        List<ResourceRef> all() {
            List<ResourceRef> l = new ArrayList<>(List.of(patient, study, series));
            l.addAll(instances);
            return l;
        }
    }

    static String id(String name) {
        return OrthancId.hash(name);
    }

    /** Creates what is missing of patient/study/series and {@code instances} new instances, named after {@code name}. */
    static Tree tree(IndexTransaction tx, String patient, String study, String series, int instances) {
        ResourceRef p = orCreate(tx, ResourceType.PATIENT, patient, 0);
        ResourceRef st = orCreate(tx, ResourceType.STUDY, patient + "/" + study, p.internalId());
        ResourceRef se = orCreate(tx, ResourceType.SERIES, patient + "/" + study + "/" + series, st.internalId());
        List<ResourceRef> list = new ArrayList<>();
        int first = tx.children(se.internalId()).size();
        for (int i = 0; i < instances; i++) {
            list.add(tx.createResource(ResourceType.INSTANCE,
                    id(patient + "/" + study + "/" + series + "/" + (first + i)), se.internalId()));
        }
        return new Tree(p, st, se, list);
    }

    private static ResourceRef orCreate(IndexTransaction tx, ResourceType type, String name, long parent) {
        ResourceRef r = tx.lookup(id(name));
        return r != null ? r : tx.createResource(type, id(name), parent);
    }

    static FileInfo file(int contentType, long size) {
        return new FileInfo(UUID.randomUUID().toString(), contentType, size, md5Of(size), size / 2 + 1,
                md5Of(size + 1), FileInfo.COMPRESSION_ZLIB_WITH_SIZE, 0);
    }

    private static String md5Of(long n) {
        return String.format("%032x", n);
    }

    <T> T write(Index.Work<T> work) {
        return index.write(work);
    }

    <T> T read(Index.Work<T> work) {
        return index.read(work);
    }

    /** Raw SQL in the unit of work's transaction, for rows no primitive writes or reads (labels, exports...). */
    static int exec(IndexTransaction tx, String sql, Object... params) {
        try (PreparedStatement ps = ((JdbcIndexTransaction) tx).connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IndexException(e.getMessage(), e);
        }
    }

    static long count(IndexTransaction tx, String sql, Object... params) {
        try (PreparedStatement ps = ((JdbcIndexTransaction) tx).connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IndexException(e.getMessage(), e);
        }
    }

    static Connection connection(IndexTransaction tx) {
        return ((JdbcIndexTransaction) tx).connection();
    }

    static void addLabel(IndexTransaction tx, ResourceRef r, String label) {
        exec(tx, "INSERT INTO labels (internal_id, label) VALUES (?, ?)", r.internalId(), label);
    }

    static List<String> sortedIds(Collection<ResourceRef> refs) {
        return refs.stream().map(ResourceRef::publicId).sorted().toList();
    }

    static List<String> ids(Collection<ResourceRef> refs) {
        return refs.stream().map(ResourceRef::publicId).toList();
    }

    /** The revisions of metadata and attachments ({@link RevisionsContractTest}) on this backend. */
    @Nested
    class Revisions extends RevisionsContractTest {
        @Override
        protected Index index() {
            return IndexContractTest.this.index;
        }
    }

    /** The details of resources, main tags and metadata ({@link DetailsContractTest}) on this backend. */
    @Nested
    class Details extends DetailsContractTest {
        @Override
        protected Index index() {
            return IndexContractTest.this.index;
        }
    }

    /** The find primitives ({@link FindContractTest}) on this backend. */
    @Nested
    class Find extends FindContractTest {
        @Override
        protected Index index() {
            return IndexContractTest.this.index;
        }
    }

    // ------------------------------------------------------------ resources

    @Test
    void createdResourcesAreFoundByPublicAndInternalId() {
        Tree t = write(tx -> tree(tx, "p", "st", "se", 2));
        read(tx -> {
            for (ResourceRef r : t.all()) {
                assertThat(tx.lookup(r.publicId())).isEqualTo(r);
                assertThat(tx.lookup(r.internalId())).isEqualTo(r);
            }
            assertThat(tx.lookup(id("nobody"))).isNull();
            assertThat(tx.lookup(123456789L)).isNull();
            return null;
        });
        assertThat(t.patient().parentId()).isZero();
        assertThat(t.study().parentId()).isEqualTo(t.patient().internalId());
        assertThat(t.series().parentId()).isEqualTo(t.study().internalId());
        assertThat(t.instances()).allSatisfy(i -> assertThat(i.parentId()).isEqualTo(t.series().internalId()));
        assertThat(t.all().stream().map(ResourceRef::internalId).distinct()).hasSize(5);
        assertThat(t.instances().get(0).path()).isEqualTo("/instances/" + t.instances().get(0).publicId());
    }

    @Test
    void aPublicIdIsUniqueAcrossLevels() {
        write(tx -> tx.createResource(ResourceType.PATIENT, id("same"), 0));
        // In a read unit of work: PostgreSQL's writes retry unique violations (concurrent inserts).
        assertThatThrownBy(() -> read(tx -> tx.createResource(ResourceType.STUDY, id("same"), 0)))
                .isInstanceOf(IndexException.class);
        assertThat((List<ResourceRef>) read(tx -> tx.list(ResourceType.STUDY, 0, 0))).isEmpty();
    }

    @Test
    void childrenAreOrderedByPublicId() {
        Tree t = write(tx -> tree(tx, "p", "st", "se", 12));
        write(tx -> tree(tx, "p", "st2", "se", 1));
        write(tx -> tree(tx, "p", "st3", "se", 1));
        List<ResourceRef> children = read(tx -> tx.children(t.series().internalId()));
        assertThat(ids(children)).isEqualTo(sortedIds(t.instances()));
        assertThat(children).containsExactlyInAnyOrderElementsOf(t.instances());
        List<ResourceRef> studies = read(tx -> tx.children(t.patient().internalId()));
        assertThat(ids(studies)).isEqualTo(List.of(id("p/st"), id("p/st2"), id("p/st3")).stream().sorted().toList());
        assertThat((List<ResourceRef>) read(tx -> tx.children(t.instances().get(0).internalId()))).isEmpty();
    }

    @Test
    void descendantsAreTheResourcesOfALevelBelowOrderedByPublicId() {
        Tree a = write(tx -> tree(tx, "p", "st1", "se1", 3));
        Tree b = write(tx -> tree(tx, "p", "st1", "se2", 2));
        Tree c = write(tx -> tree(tx, "p", "st2", "se1", 4));
        Tree other = write(tx -> tree(tx, "q", "st1", "se1", 2));
        long p = a.patient().internalId();
        List<ResourceRef> all = new ArrayList<>(a.instances());
        all.addAll(b.instances());
        all.addAll(c.instances());
        read(tx -> {
            assertThat(ids(tx.descendants(p, ResourceType.INSTANCE))).isEqualTo(sortedIds(all));
            assertThat(ids(tx.descendants(p, ResourceType.SERIES)))
                    .isEqualTo(sortedIds(List.of(a.series(), b.series(), c.series())));
            assertThat(ids(tx.descendants(p, ResourceType.STUDY))).isEqualTo(sortedIds(List.of(a.study(), c.study())));
            assertThat(tx.descendants(p, ResourceType.PATIENT)).containsExactly(a.patient());
            assertThat(ids(tx.descendants(a.study().internalId(), ResourceType.INSTANCE)))
                    .isEqualTo(sortedIds(List.of(a.instances().get(0), a.instances().get(1), a.instances().get(2),
                            b.instances().get(0), b.instances().get(1))));
            assertThat(tx.descendants(a.series().internalId(), ResourceType.STUDY)).isEmpty();
            assertThat(ids(tx.descendants(other.patient().internalId(), ResourceType.INSTANCE)))
                    .isEqualTo(sortedIds(other.instances()));
            return null;
        });
    }

    @Test
    void listOrdersByPublicIdAndPagesWithSinceAndLimit() {
        List<ResourceRef> patients = write(tx -> IntStream.range(0, 10)
                .mapToObj(i -> tx.createResource(ResourceType.PATIENT, id("patient" + i), 0)).toList());
        write(tx -> tree(tx, "patient0", "st", "se", 3));
        List<String> sorted = sortedIds(patients);
        read(tx -> {
            assertThat(ids(tx.list(ResourceType.PATIENT, 0, 0))).isEqualTo(sorted);
            assertThat(ids(tx.list(ResourceType.PATIENT, 0, 3))).isEqualTo(sorted.subList(0, 3));
            assertThat(ids(tx.list(ResourceType.PATIENT, 3, 4))).isEqualTo(sorted.subList(3, 7));
            assertThat(ids(tx.list(ResourceType.PATIENT, 8, 5))).isEqualTo(sorted.subList(8, 10));
            assertThat(ids(tx.list(ResourceType.PATIENT, 1, 0))).as("limit 0 means no limit")
                    .isEqualTo(sorted.subList(1, 10));
            assertThat(tx.list(ResourceType.PATIENT, 10, 5)).isEmpty();
            assertThat(ids(tx.list(ResourceType.PATIENT, -2, 3))).as("a negative offset is 0")
                    .isEqualTo(sorted.subList(0, 3));
            assertThat(ids(tx.list(ResourceType.PATIENT, -2, 0))).isEqualTo(sorted);
            assertThat(tx.list(ResourceType.PATIENT, 25, 0)).isEmpty();
            assertThat(tx.list(ResourceType.INSTANCE, 0, 0)).hasSize(3);
            assertThat(tx.list(ResourceType.STUDY, 0, 0)).extracting(ResourceRef::publicId)
                    .containsExactly(id("patient0/st"));
            List<String> paged = new ArrayList<>();
            for (int since = 0; since < 10; since += 3) {
                paged.addAll(ids(tx.list(ResourceType.PATIENT, since, 3)));
            }
            assertThat(paged).as("paging covers every resource once, in the unpaged order").isEqualTo(sorted);
            return null;
        });
    }

    // ------------------------------------------------------------ deletion

    /** Rows of every per-resource table that belong to one of {@code ids}. */
    static long rowsOf(IndexTransaction tx, Collection<Long> ids) {
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
        long n = 0;
        for (String table : List.of("resources", "main_dicom_tags", "dicom_identifiers", "metadata",
                "attached_files", "labels", "changes")) {
            n += count(tx, "SELECT COUNT(*) FROM " + table + " WHERE internal_id IN " + in);
        }
        return n;
    }

    @Test
    void deletingCascadesDownToEveryTableAndQueuesTheFiles() {
        Tree kept = write(tx -> tree(tx, "p", "st1", "se", 2));
        Tree gone = write(tx -> tree(tx, "p", "st2", "se", 3));
        Tree gone2 = write(tx -> tree(tx, "p", "st2", "se2", 1));
        List<FileInfo> goneFiles = new ArrayList<>();
        List<FileInfo> keptFiles = new ArrayList<>();
        Map<Long, ResourceRef> distinct = new LinkedHashMap<>();
        for (Tree t : List.of(kept, gone, gone2)) {
            t.all().forEach(r -> distinct.putIfAbsent(r.internalId(), r));
        }
        Set<Long> keptIds = new HashSet<>();
        kept.all().forEach(r -> keptIds.add(r.internalId()));
        write(tx -> {
            for (ResourceRef r : distinct.values()) {
                tx.setMainDicomTags(r.internalId(), Map.of(0x00080020, "20200101", 0x00100010, "N"));
                tx.setIdentifierTags(r.internalId(), Map.of(0x00100020, "PID"));
                tx.setMetadata(r.internalId(), Map.of(1024, "x", MetadataType.LastUpdate.code(), "20200101T000000"));
                addLabel(tx, r, "L" + r.type().code());
                tx.logChange(ChangeType.UpdatedMetadata, r, "20200101T000000");
                if (r.type() == ResourceType.INSTANCE || r.type() == ResourceType.STUDY) {
                    FileInfo f = file(r.type() == ResourceType.INSTANCE ? 1 : 1024, 10);
                    tx.addAttachment(r.internalId(), f);
                    (keptIds.contains(r.internalId()) ? keptFiles : goneFiles).add(f);
                }
            }
            return null;
        });
        // The patient is shared: deleting study st2 keeps it (and st1 below it).
        ResourceRef remaining = write(tx -> tx.delete(gone.study().internalId()));

        assertThat(remaining).isEqualTo(kept.patient());
        Set<Long> goneIds = new HashSet<>();
        gone.instances().forEach(r -> goneIds.add(r.internalId()));
        gone2.instances().forEach(r -> goneIds.add(r.internalId()));
        goneIds.addAll(List.of(gone.study().internalId(), gone.series().internalId(), gone2.series().internalId()));
        read(tx -> {
            assertThat(rowsOf(tx, goneIds)).as("rows left of deleted resources").isZero();
            assertThat(rowsOf(tx, keptIds)).as("rows of the other resources")
                    .isEqualTo(5 * (1 + 2 + 2 + 1 + 1 + 1) + 3 /* attachments: 2 instances + study */);
            assertThat(tx.deletedFiles(1000)).containsExactlyInAnyOrderElementsOf(
                    goneFiles.stream().map(FileInfo::uuid).toList());
            for (FileInfo f : goneFiles) {
                assertThat(tx.attachmentExists(f.uuid())).isFalse();
            }
            for (FileInfo f : keptFiles) {
                assertThat(tx.attachmentExists(f.uuid())).isTrue();
            }
            assertThat(tx.changes(new ChangeQuery(0, Long.MAX_VALUE, Set.of(), 1000, false)))
                    .extracting(Change::publicId)
                    .containsExactlyInAnyOrderElementsOf(ids(kept.all()));
            return null;
        });
    }

    @Test
    void deletingTheLastInstanceDeletesTheAncestorsLeftEmpty() {
        Tree t = write(tx -> tree(tx, "p", "st", "se", 1));
        ResourceRef remaining = write(tx -> tx.delete(t.instances().get(0).internalId()));
        assertThat(remaining).isNull();
        read(tx -> {
            for (ResourceType level : ResourceType.values()) {
                assertThat(tx.list(level, 0, 0)).isEmpty();
            }
            return null;
        });
    }

    @Test
    void remainingAncestorIsTheNearestOneThatStillExists() {
        // Instance in a multi-instance series → the series.
        Tree a = write(tx -> tree(tx, "a", "st", "se", 2));
        assertThat((ResourceRef) write(tx -> tx.delete(a.instances().get(0).internalId()))).isEqualTo(a.series());
        assertThat((ResourceRef) read(tx -> tx.lookup(a.instances().get(1).internalId()))).isNotNull();

        // Series whose study has other series → the study.
        Tree b = write(tx -> tree(tx, "b", "st", "se1", 1));
        Tree b2 = write(tx -> tree(tx, "b", "st", "se2", 1));
        assertThat((ResourceRef) write(tx -> tx.delete(b.series().internalId()))).isEqualTo(b.study());
        assertThat((ResourceRef) read(tx -> tx.lookup(b.instances().get(0).publicId()))).isNull();
        assertThat((ResourceRef) read(tx -> tx.lookup(b2.instances().get(0).publicId()))).isNotNull();

        // Last instance of a series whose study has other series → the study.
        Tree c = write(tx -> tree(tx, "c", "st", "se1", 1));
        write(tx -> tree(tx, "c", "st", "se2", 1));
        assertThat((ResourceRef) write(tx -> tx.delete(c.instances().get(0).internalId()))).isEqualTo(c.study());
        assertThat((ResourceRef) read(tx -> tx.lookup(c.series().internalId()))).isNull();

        // Study whose patient has no other study → null (the patient goes too).
        Tree d = write(tx -> tree(tx, "d", "st", "se", 2));
        assertThat((ResourceRef) write(tx -> tx.delete(d.study().internalId()))).isNull();
        assertThat((ResourceRef) read(tx -> tx.lookup(d.patient().internalId()))).isNull();

        // Study whose patient has another study → the patient.
        Tree e = write(tx -> tree(tx, "e", "st1", "se", 1));
        write(tx -> tree(tx, "e", "st2", "se", 1));
        assertThat((ResourceRef) write(tx -> tx.delete(e.study().internalId()))).isEqualTo(e.patient());

        // Patient → null.
        assertThat((ResourceRef) write(tx -> tx.delete(e.patient().internalId()))).isNull();

        // Unknown row → null, nothing changes.
        List<ResourceRef> before = read(tx -> tx.list(ResourceType.INSTANCE, 0, 0));
        assertThat((ResourceRef) write(tx -> tx.delete(987654321L))).isNull();
        assertThat((List<ResourceRef>) read(tx -> tx.list(ResourceType.INSTANCE, 0, 0))).isEqualTo(before);
        assertThat((List<ResourceRef>) read(tx -> tx.list(ResourceType.PATIENT, 0, 0))).extracting(ResourceRef::publicId)
                .containsExactlyInAnyOrder(id("a"), id("b"), id("c"));
    }

    // ------------------------------------------------------------ attachments

    @Test
    void attachmentsAreRecordedListedAndDeletedIntoTheQueue() {
        Tree t = write(tx -> tree(tx, "p", "st", "se", 1));
        long i = t.instances().get(0).internalId();
        FileInfo dicom = new FileInfo(UUID.randomUUID().toString(), 1, 5_000_000_000L, "0123456789abcdef0123456789abcdef",
                4_000_000_000L, "fedcba9876543210fedcba9876543210", FileInfo.COMPRESSION_ZLIB_WITH_SIZE, 0);
        FileInfo user = new FileInfo(UUID.randomUUID().toString(), 1024, 3, null, 3, null, FileInfo.COMPRESSION_NONE, 4);
        write(tx -> {
            tx.addAttachment(i, user);
            tx.addAttachment(i, dicom);
            return null;
        });
        read(tx -> {
            assertThat(tx.attachments(i)).containsExactly(dicom, user);
            assertThat(tx.attachment(i, 1)).isEqualTo(dicom);
            assertThat(tx.attachment(i, 1024)).isEqualTo(user);
            assertThat(tx.attachment(i, 3)).isNull();
            assertThat(tx.attachmentExists(dicom.uuid())).isTrue();
            assertThat(tx.attachmentExists(UUID.randomUUID().toString())).isFalse();
            assertThat(tx.deletedFiles(10)).isEmpty();
            return null;
        });
        assertThat((Boolean) write(tx -> tx.deleteAttachment(i, 1024))).isTrue();
        assertThat((Boolean) write(tx -> tx.deleteAttachment(i, 1024))).isFalse();
        read(tx -> {
            assertThat(tx.attachments(i)).containsExactly(dicom);
            assertThat(tx.attachmentExists(user.uuid())).isFalse();
            assertThat(tx.deletedFiles(10)).containsExactly(user.uuid());
            return null;
        });
    }

    @Test
    void theDeletedFilesQueueIsReadInBatchesAndForgotten() {
        Tree t = write(tx -> tree(tx, "p", "st", "se", 25));
        List<String> uuids = write(tx -> {
            List<String> l = new ArrayList<>();
            for (ResourceRef r : t.instances()) {
                FileInfo f = file(1, 1);
                tx.addAttachment(r.internalId(), f);
                l.add(f.uuid());
            }
            return l;
        });
        write(tx -> tx.delete(t.patient().internalId()));
        List<String> first = read(tx -> tx.deletedFiles(10));
        assertThat(first).hasSize(10).doesNotHaveDuplicates();
        write(tx -> {
            tx.forgetDeletedFiles(first);
            return null;
        });
        List<String> rest = read(tx -> tx.deletedFiles(100));
        assertThat(rest).hasSize(15).doesNotContainAnyElementsOf(first);
        List<String> all = new ArrayList<>(first);
        all.addAll(rest);
        assertThat(all).containsExactlyInAnyOrderElementsOf(uuids);
        write(tx -> {
            tx.forgetDeletedFiles(rest);
            tx.forgetDeletedFiles(List.of());
            return null;
        });
        assertThat((List<String>) read(tx -> tx.deletedFiles(100))).isEmpty();
    }

    // ------------------------------------------------------------ change log, exports

    private List<Change> changes(long since, long to, Set<ChangeType> types, int limit, boolean fromEnd) {
        return read(tx -> tx.changes(new ChangeQuery(since, to, types, limit, fromEnd)));
    }

    private static List<Long> seqs(List<Change> l) {
        return l.stream().map(Change::seq).toList();
    }

    @Test
    void changesArePagedBySinceToTypesLimitAndFromEnd() {
        Tree t = write(tx -> tree(tx, "p", "st", "se", 1));
        ResourceRef inst = t.instances().get(0);
        List<ChangeType> logged = List.of(ChangeType.NewInstance, ChangeType.NewSeries, ChangeType.NewStudy,
                ChangeType.NewPatient, ChangeType.StableSeries, ChangeType.StableStudy, ChangeType.StablePatient,
                ChangeType.UpdatedMetadata, ChangeType.NewInstance, ChangeType.UpdatedAttachment);
        write(tx -> {
            for (int k = 0; k < logged.size(); k++) {
                ChangeType type = logged.get(k);
                ResourceRef r = switch (type) {
                    case NewSeries, StableSeries -> t.series();
                    case NewStudy, StableStudy -> t.study();
                    case NewPatient, StablePatient -> t.patient();
                    default -> inst;
                };
                tx.logChange(type, r, "2024010" + (k % 10) + "T000000");
            }
            return null;
        });
        List<Change> all = changes(0, Long.MAX_VALUE, Set.of(), 100, false);
        assertThat(all).hasSize(10);
        long s0 = all.get(0).seq();
        assertThat(seqs(all)).isEqualTo(range(s0, 10));
        assertThat(all).extracting(Change::changeType).containsExactlyElementsOf(logged);
        Change c = all.get(1);
        assertThat(c.resourceType()).isEqualTo(ResourceType.SERIES);
        assertThat(c.publicId()).isEqualTo(t.series().publicId());
        assertThat(c.date()).isEqualTo("20240101T000000");

        assertThat(seqs(changes(s0 + 2, Long.MAX_VALUE, Set.of(), 3, false))).containsExactly(s0 + 3, s0 + 4, s0 + 5);
        assertThat(seqs(changes(s0, s0 + 4, Set.of(), 100, false))).as("to is inclusive")
                .containsExactly(s0 + 1, s0 + 2, s0 + 3, s0 + 4);
        assertThat(seqs(changes(0, Long.MAX_VALUE, Set.of(), 3, true))).as("fromEnd: the last ones, ascending")
                .containsExactly(s0 + 7, s0 + 8, s0 + 9);
        assertThat(seqs(changes(0, s0 + 5, Set.of(), 2, true))).containsExactly(s0 + 4, s0 + 5);
        assertThat(changes(0, Long.MAX_VALUE, Set.of(ChangeType.NewInstance), 100, false))
                .extracting(Change::seq).containsExactly(s0, s0 + 8);
        assertThat(changes(0, Long.MAX_VALUE, Set.of(ChangeType.StableStudy, ChangeType.NewPatient), 100, false))
                .extracting(Change::changeType).containsExactly(ChangeType.NewPatient, ChangeType.StableStudy);
        assertThat(changes(s0 + 1, Long.MAX_VALUE, Set.of(ChangeType.NewInstance, ChangeType.UpdatedAttachment), 1,
                true)).extracting(Change::changeType).containsExactly(ChangeType.UpdatedAttachment);
        assertThat(changes(0, Long.MAX_VALUE, Set.of(), 0, false)).as("limit 0: nothing").isEmpty();
        assertThat(changes(0, Long.MAX_VALUE, Set.of(), -1, false)).as("negative limit: nothing").isEmpty();
        assertThat(changes(0, Long.MAX_VALUE, Set.of(), -1, true)).isEmpty();
        assertThat(changes(s0 + 9, Long.MAX_VALUE, Set.of(), 10, false)).isEmpty();
        assertThat(changes(0, Long.MAX_VALUE, Set.of(ChangeType.ModifiedStudy), 10, false)).isEmpty();

        read(tx -> {
            assertThat(tx.hasChangesAfter(s0 + 8, Set.of())).isTrue();
            assertThat(tx.hasChangesAfter(s0 + 9, Set.of())).isFalse();
            assertThat(tx.hasChangesAfter(s0 + 8, Set.of(ChangeType.NewInstance))).isFalse();
            assertThat(tx.hasChangesAfter(s0 + 7, Set.of(ChangeType.NewInstance))).isTrue();
            assertThat(tx.lastChangeSeq()).isEqualTo(s0 + 9);
            return null;
        });
    }

    private static List<Long> range(long first, int n) {
        return java.util.stream.LongStream.range(first, first + n).boxed().toList();
    }

    @Test
    void lastChangeSeqIsZeroOnAnEmptyIndexAndSurvivesClearingAndDeletions() {
        assertThat(read(IndexTransaction::lastChangeSeq)).isZero();
        Tree t = write(tx -> tree(tx, "p", "st", "se", 2));
        write(tx -> {
            for (ResourceRef r : t.all()) {
                tx.logChange(ChangeType.UpdatedMetadata, r, "20240101T000000");
            }
            return null;
        });
        long last = read(IndexTransaction::lastChangeSeq);
        assertThat(last).isEqualTo(changes(0, Long.MAX_VALUE, Set.of(), 100, false).get(4).seq());

        // Deleting the resource of the last entries removes them; the Seq does not go back.
        write(tx -> tx.delete(t.instances().get(1).internalId()));
        assertThat(changes(0, Long.MAX_VALUE, Set.of(), 100, false)).hasSize(4);
        assertThat(read(IndexTransaction::lastChangeSeq)).isEqualTo(last);
        write(tx -> {
            tx.logChange(ChangeType.NewInstance, t.instances().get(0), "20240101T000000");
            return null;
        });
        assertThat(changes(0, Long.MAX_VALUE, Set.of(), 100, false)).last().extracting(Change::seq)
                .isEqualTo(last + 1);

        write(tx -> {
            tx.clearChanges();
            return null;
        });
        assertThat(changes(0, Long.MAX_VALUE, Set.of(), 100, false)).isEmpty();
        assertThat(read(IndexTransaction::lastChangeSeq)).isEqualTo(last + 1);
        write(tx -> {
            tx.logChange(ChangeType.NewSeries, t.series(), "20240101T000000");
            return null;
        });
        assertThat(changes(0, Long.MAX_VALUE, Set.of(), 100, false)).extracting(Change::seq)
                .containsExactly(last + 2);

        // A rolled-back insert may burn a number (PostgreSQL sequences) but never reuses one.
        assertThatThrownBy(() -> write(tx -> {
            tx.logChange(ChangeType.NewSeries, t.series(), "20240101T000000");
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);
        write(tx -> {
            tx.logChange(ChangeType.NewSeries, t.series(), "20240101T000000");
            return null;
        });
        assertThat(changes(0, Long.MAX_VALUE, Set.of(), 100, false)).last().extracting(Change::seq)
                .satisfies(s -> assertThat(s).isGreaterThan(last + 2));
    }

    @Test
    void clearingExportsEmptiesTheirTable() {
        write(tx -> {
            exec(tx, "INSERT INTO exported_resources (resource_type, public_id, remote_modality, date)"
                    + " VALUES (4, ?, 'pacs', '20240101T000000')", id("i"));
            return null;
        });
        assertThat((Long) read(tx -> count(tx, "SELECT COUNT(*) FROM exported_resources"))).isEqualTo(1);
        write(tx -> {
            tx.clearExports();
            return null;
        });
        assertThat((Long) read(tx -> count(tx, "SELECT COUNT(*) FROM exported_resources"))).isZero();
    }

    // ------------------------------------------------------------ statistics, properties

    @Test
    void globalPropertiesAreUpserted() {
        assertThat((String) read(tx -> tx.globalProperty(5))).isNull();
        write(tx -> {
            tx.setGlobalProperty(5, "one");
            tx.setGlobalProperty(6, "");
            return null;
        });
        write(tx -> {
            tx.setGlobalProperty(5, "two");
            return null;
        });
        assertThat((String) read(tx -> tx.globalProperty(5))).isEqualTo("two");
        assertThat((String) read(tx -> tx.globalProperty(6))).isEmpty();
    }

    // ------------------------------------------------------------ transactions

    @Test
    void aFailedUnitOfWorkLeavesNothingBehind() {
        assertThatThrownBy(() -> write(tx -> {
            tree(tx, "p", "st", "se", 2);
            tx.setGlobalProperty(1, "x");
            throw new IllegalArgumentException("caller's mistake");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("caller's mistake");
        read(tx -> {
            assertThat(tx.list(ResourceType.PATIENT, 0, 0)).isEmpty();
            assertThat(tx.list(ResourceType.INSTANCE, 0, 0)).isEmpty();
            assertThat(tx.globalProperty(1)).isNull();
            return null;
        });
    }

    @Test
    void aNonTransientSqlErrorIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> write(tx -> {
            attempts.incrementAndGet();
            return exec(tx, "INSERT INTO no_such_table VALUES (1)");
        })).isInstanceOf(IndexException.class);
        assertThat(attempts).hasValue(1);
        assertThat(((JdbcIndex) index).retriedTransactions()).isZero();
    }

    @Test
    void readsSeeCommittedWritesAndAWriteSeesItsOwnRows() {
        String result = write(tx -> {
            ResourceRef p = tx.createResource(ResourceType.PATIENT, id("p"), 0);
            tx.setMetadata(p.internalId(), Map.of(1024, "v"));
            return tx.lookup(id("p")).publicId() + tx.metadata(p.internalId()).get(1024);
        });
        assertThat(result).isEqualTo(id("p") + "v");
        assertThat((ResourceRef) read(tx -> tx.lookup(id("p")))).isNotNull();
    }
}
