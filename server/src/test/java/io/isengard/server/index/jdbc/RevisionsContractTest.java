package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.server.index.Change;
import io.isengard.server.index.ChangeQuery;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.index.StoredMetadata;
import io.isengard.server.model.ChangeType;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.Md5;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.OrthancId;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.AttachmentWriter;
import io.isengard.server.resources.ExpectedRevision;
import io.isengard.server.resources.MetadataWriter;
import io.isengard.server.storage.AttachmentStore;
import io.isengard.server.storage.DeletedFilesCollector;
import io.isengard.server.storage.FilesystemStorageArea;
import io.isengard.server.testing.StorageFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revisions of metadata and attachments (resources.md §14) on every
 * backend (run by {@link IndexContractTest} on each): the index primitives
 * of the section "metadata and attachment writes", and the writers that
 * check If-Match on top of them, with their files in a real storage area.
 */
abstract class RevisionsContractTest {
    /** A fresh, empty index, closed by whoever opened it. */
    protected abstract Index index();

    @TempDir
    Path storageDir;

    private Index index;
    private FilesystemStorageArea area;
    private AttachmentStore store;
    private MetadataWriter metadata;
    private AttachmentWriter attachments;
    private ResourceRef patient;

    @BeforeEach
    void open() throws Exception {
        index = index();
        area = new FilesystemStorageArea(storageDir, false);
        store = new AttachmentStore(area, false, true);
        // Not started: the collector removes the queued files in the caller, so the tests see them gone.
        DeletedFilesCollector collector = new DeletedFilesCollector(index, area);
        metadata = new MetadataWriter(index, Clock.systemUTC());
        attachments = new AttachmentWriter(index, store, collector, Clock.systemUTC());
        patient = index.write(tx -> tx.createResource(ResourceType.PATIENT, OrthancId.hash("p"), 0));
    }

    private long id() {
        return patient.internalId();
    }

    // ------------------------------------------------------------ primitives

    @Test
    void putMetadataStartsAtRevisionZeroAndCountsOverwrites() {
        assertThat((StoredMetadata) index.read(tx -> tx.storedMetadata(id(), 1024))).isNull();
        assertThat((Long) index.write(tx -> tx.putMetadata(id(), 1024, "a"))).isZero();
        assertThat((Long) index.write(tx -> tx.putMetadata(id(), 1024, "b"))).isEqualTo(1);
        assertThat((Long) index.write(tx -> tx.putMetadata(id(), 1024, "b"))).isEqualTo(2);
        assertThat((Long) index.write(tx -> tx.putMetadata(id(), 1025, "other"))).isZero();
        assertThat((StoredMetadata) index.read(tx -> tx.storedMetadata(id(), 1024)))
                .isEqualTo(new StoredMetadata("b", 2));
        index.write(tx -> tx.deleteMetadata(id(), 1024));
        assertThat((Long) index.write(tx -> tx.putMetadata(id(), 1024, "c"))).as("a new sequence").isZero();
    }

    @Test
    void replaceAttachmentInsertsOrReplacesAndQueuesTheReplacedFile() {
        FileInfo first = file(1024, 0);
        FileInfo second = file(1024, 1);
        FileInfo other = file(1025, 0);
        index.write(tx -> {
            tx.replaceAttachment(id(), first);
            tx.replaceAttachment(id(), other);
            return null;
        });
        assertThat((List<String>) index.read(tx -> tx.deletedFiles(10))).isEmpty();
        index.write(tx -> {
            tx.replaceAttachment(id(), second);
            return null;
        });
        index.read(tx -> {
            assertThat(tx.attachments(id())).containsExactly(second, other);
            assertThat(tx.deletedFiles(10)).containsExactly(first.uuid());
            return null;
        });
    }

    private static FileInfo file(int type, long revision) {
        return new FileInfo(UUID.randomUUID().toString(), type, 10, "0123456789abcdef0123456789abcdef", 10,
                "0123456789abcdef0123456789abcdef", FileInfo.COMPRESSION_NONE, revision);
    }

    // ------------------------------------------------------------ metadata writer

    @Test
    void metadataWritesCheckTheExpectedRevisionAndMd5() {
        assertThat(metadata.put(patient, 1024, "a", ExpectedRevision.NOTHING)).as("creating is allowed").isZero();
        assertRevisionError(() -> metadata.put(patient, 1024, "b", ExpectedRevision.NOTHING));
        assertThat(metadata.put(patient, 1024, "b", ExpectedRevision.ANY)).isEqualTo(1);
        assertRevisionError(() -> metadata.put(patient, 1024, "c", ExpectedRevision.matching(0, Md5.of("b"))));
        assertRevisionError(() -> metadata.put(patient, 1024, "c", ExpectedRevision.matching(1, Md5.of("a"))));
        assertThat(metadata.put(patient, 1024, "c", ExpectedRevision.matching(1, Md5.of("b")))).isEqualTo(2);
        assertThat(metadata.put(patient, 1025, "x", ExpectedRevision.matching(7, "whatever")))
                .as("If-Match is ignored when creating").isZero();

        assertRevisionError(() -> metadata.delete(patient, 1024, ExpectedRevision.NOTHING));
        assertRevisionError(() -> metadata.delete(patient, 1024, ExpectedRevision.matching(1, Md5.of("c"))));
        assertRevisionError(() -> metadata.delete(patient, 1024, ExpectedRevision.matching(2, Md5.of("b"))));
        assertThat((StoredMetadata) index.read(tx -> tx.storedMetadata(id(), 1024)))
                .isEqualTo(new StoredMetadata("c", 2));
        metadata.delete(patient, 1024, ExpectedRevision.matching(2, Md5.of("c")));
        assertThat((StoredMetadata) index.read(tx -> tx.storedMetadata(id(), 1024))).isNull();
        assertThatThrownBy(() -> metadata.delete(patient, 1024, ExpectedRevision.ANY))
                .isInstanceOfSatisfying(OrthancException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.UnknownResource));
        metadata.delete(patient, 1025, ExpectedRevision.ANY);

        assertThat(changes()).as("one UpdatedMetadata per successful write, none for the refused ones")
                .hasSize(6).allMatch(c -> c.changeType() == ChangeType.UpdatedMetadata
                        && c.publicId().equals(patient.publicId()) && c.resourceType() == ResourceType.PATIENT);
    }

    @Test
    void ofConcurrentWritersNamingTheSameRevisionOneSucceeds() throws Exception {
        metadata.put(patient, 1024, "v0", ExpectedRevision.ANY);
        for (int round = 0; round < 10; round++) {
            ExpectedRevision current = ExpectedRevision.matching(round, Md5.of("v" + round));
            String next = "v" + (round + 1);
            assertThat(concurrently(4, () -> metadata.put(patient, 1024, next, current)))
                    .as("round %d: writers that succeeded", round).isEqualTo(1);
        }
        assertThat((StoredMetadata) index.read(tx -> tx.storedMetadata(id(), 1024))).isEqualTo(new StoredMetadata("v10", 10));
        assertThat(concurrently(4, () -> metadata.put(patient, 1025, "created", ExpectedRevision.NOTHING)))
                .as("creators under CheckRevisions: only the first").isEqualTo(1);
    }

    /** Runs {@code work} on {@code threads} threads at once; returns how many did not fail with a Revision error. */
    private static int concurrently(int threads, Runnable work) throws Exception {
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        work.run();
                        return 1;
                    } catch (OrthancException e) {
                        assertThat(e.error()).isEqualTo(ErrorCode.Revision);
                        return 0;
                    }
                }));
            }
        }
        int ok = 0;
        for (var r : results) {
            ok += r.get();
        }
        return ok;
    }

    // ------------------------------------------------------------ attachment writer

    @Test
    void attachmentWritesCheckRevisionsReplaceFilesAndLogChanges() throws IOException {
        AttachmentWriter.Written w0 = attachments.put(patient, 1030, body("one"), ExpectedRevision.NOTHING);
        assertThat(w0).isEqualTo(new AttachmentWriter.Written(0, Md5.of("one")));
        FileInfo f0 = attachment();
        assertThat(content(f0)).isEqualTo("one");

        assertRevisionError(() -> attachments.put(patient, 1030, body("two"), ExpectedRevision.NOTHING));
        assertRevisionError(() -> attachments.put(patient, 1030, body("two"),
                ExpectedRevision.matching(0, Md5.of("two"))));
        assertThat(storedFiles()).as("refused uploads leave no file behind").containsExactly(f0.uuid());

        AttachmentWriter.Written w1 = attachments.put(patient, 1030, body("two"),
                ExpectedRevision.matching(0, Md5.of("one")));
        assertThat(w1.revision()).isEqualTo(1);
        FileInfo f1 = attachment();
        assertThat(f1.revision()).isEqualTo(1);
        assertThat(content(f1)).isEqualTo("two");
        assertThat(storedFiles()).as("the replaced file is removed").containsExactly(f1.uuid());

        attachments.changeCompression(patient, 1030, true);
        FileInfo f2 = attachment();
        assertThat(f2.isCompressed()).isTrue();
        assertThat(f2.revision()).isEqualTo(2);
        assertThat(f2.uncompressedMd5()).isEqualTo(Md5.of("two"));
        assertThat(content(f2)).isEqualTo("two");
        assertThat(store.verifyMd5(f2)).isTrue();
        attachments.changeCompression(patient, 1030, true);
        assertThat(attachment()).as("already compressed: nothing happens").isEqualTo(f2);
        attachments.changeCompression(patient, 1030, false);
        FileInfo f3 = attachment();
        assertThat(f3.isCompressed()).isFalse();
        assertThat(f3.revision()).isEqualTo(3);
        assertThat(content(f3)).isEqualTo("two");
        assertThat(storedFiles()).containsExactly(f3.uuid());

        assertRevisionError(() -> attachments.delete(patient, 1030, ExpectedRevision.NOTHING));
        assertRevisionError(() -> attachments.delete(patient, 1030, ExpectedRevision.matching(2, Md5.of("two"))));
        attachments.delete(patient, 1030, ExpectedRevision.matching(3, Md5.of("two")));
        assertThat((FileInfo) index.read(tx -> tx.attachment(id(), 1030))).isNull();
        assertThat(storedFiles()).isEmpty();
        assertThatThrownBy(() -> attachments.delete(patient, 1030, ExpectedRevision.ANY))
                .isInstanceOfSatisfying(OrthancException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.UnknownResource));

        assertThat(changes()).as("put, put, compress, uncompress, delete").hasSize(5)
                .allMatch(c -> c.changeType() == ChangeType.UpdatedAttachment);
    }

    @Test
    void theCompressionOfTheDicomAttachmentChangesWithoutChangeLog() throws IOException {
        AttachmentStore.Writer w = store.begin(1);
        w.output().write("not really DICOM".getBytes(StandardCharsets.US_ASCII));
        FileInfo dicom = w.finish();
        index.write(tx -> {
            tx.addAttachment(id(), dicom);
            return null;
        });
        w.publish();
        w.close();
        attachments.changeCompression(patient, 1, true);
        FileInfo compressed = index.read(tx -> tx.attachment(id(), 1));
        assertThat(compressed.revision()).isEqualTo(1);
        assertThat(content(compressed)).isEqualTo("not really DICOM");
        assertThat(changes()).as("UpdatedAttachment is for user types only").isEmpty();
    }

    private FileInfo attachment() {
        return index.read(tx -> tx.attachment(id(), 1030));
    }

    private String content(FileInfo f) throws IOException {
        try (InputStream in = store.openUncompressed(f)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<String> storedFiles() throws IOException {
        return StorageFiles.in(storageDir).stream().map(p -> p.getFileName().toString())
                .toList();
    }

    private List<Change> changes() {
        return index.read(tx -> tx.changes(new ChangeQuery(0, Long.MAX_VALUE, null, 100, false)));
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRevisionError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OrthancException.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.Revision));
    }
}
