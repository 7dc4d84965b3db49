package io.isengard.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.index.jdbc.SqliteIndexFactory;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.OrthancId;
import io.isengard.server.model.ResourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Startup after a crash at each step of ingest and deletion. */
class StorageRecoveryTest {
    @TempDir
    Path storage;

    @TempDir
    Path indexDir;

    @Test
    void pendingFilesArePublishedIfCommittedOrDiscardedAndQueuedDeletionsAreCarriedOut() throws Exception {
        FilesystemStorageArea area = new FilesystemStorageArea(storage, true);
        AttachmentStore store = new AttachmentStore(area, true, true);
        FileInfo committedInfo;
        try (Index index = SqliteIndexFactory.open(indexDir)) {
            // 1. Crash between the index commit and the rename: the file must be put in place.
            AttachmentStore.Writer committed = store.begin(1);
            committed.output().write("acknowledged".getBytes());
            committedInfo = committed.finish();
            FileInfo recorded = committedInfo;
            index.write(tx -> {
                ResourceRef p = tx.createResource(ResourceType.PATIENT, OrthancId.hash("p"), 0);
                tx.addAttachment(p.internalId(), recorded);
                return p;
            });
            // 2. Crash before the commit: never acknowledged, the file goes.
            AttachmentStore.Writer uncommitted = store.begin(1);
            uncommitted.output().write("never acknowledged".getBytes());
            FileInfo uncommittedInfo = uncommitted.finish();
            // 3. Crash after a deletion's commit, before its files were removed.
            AttachmentStore.Writer deleted = store.begin(1024);
            deleted.output().write("deleted".getBytes());
            FileInfo deletedInfo = deleted.finish();
            deleted.publish();
            ResourceRef study = index.write(tx -> {
                ResourceRef q = tx.createResource(ResourceType.PATIENT, OrthancId.hash("q"), 0);
                ResourceRef st = tx.createResource(ResourceType.STUDY, OrthancId.hash("q/st"), q.internalId());
                tx.addAttachment(st.internalId(), deletedInfo);
                return st;
            });
            index.write(tx -> tx.delete(study.internalId()));
            assertThat(area.pathOf(deletedInfo.uuid())).exists();
            // A crash while an upload arrives leaves its plain copy (compression) too.
            AttachmentStore.Writer arriving = store.begin(1);
            arriving.output().write("arriving".getBytes());
            arriving.output().flush();
            assertThat(area.pendingUuids()).containsExactlyInAnyOrder(committedInfo.uuid(), uncommittedInfo.uuid(),
                    arriving.uuid(), arriving.uuid() + ".uncompressed");
        }
        area.close(); // the lock goes with the process
        // Restart.
        FilesystemStorageArea restarted = new FilesystemStorageArea(storage, true);
        try (Index index = SqliteIndexFactory.open(indexDir)) {
            StorageRecovery.run(index, restarted);
            assertThat(restarted.pendingUuids()).isEmpty();
            FileInfo info = index.read(tx -> tx.attachments(tx.lookup(OrthancId.hash("p")).internalId()).get(0));
            assertThat(new AttachmentStore(restarted, true, true).openUncompressed(info).readAllBytes())
                    .isEqualTo("acknowledged".getBytes());
            assertThat((List<String>) index.read(tx -> tx.deletedFiles(10))).isEmpty();
            assertThat((ResourceRef) index.read(tx -> tx.lookup(OrthancId.hash("q")))).isNull();
        }
        try (Stream<Path> files = Files.walk(storage)) {
            assertThat(files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock")))
                    .as("only the acknowledged file remains (and the running node's lock)")
                    .containsExactly(restarted.pathOf(committedInfo.uuid()));
        }
    }

    @Test
    void aRunningNodePutsInPlaceTheCommittedFilesOfANodeThatCrashedAndStaysDown() throws Exception {
        try (Index index = SqliteIndexFactory.open(indexDir)) {
            FilesystemStorageArea crashed = new FilesystemStorageArea(storage, true, "crashed");
            AttachmentStore.Writer w = new AttachmentStore(crashed, false, true).begin(1);
            w.output().write("committed, not yet in place".getBytes());
            FileInfo info = w.finish();
            index.write(tx -> {
                ResourceRef p = tx.createResource(ResourceType.PATIENT, OrthancId.hash("crashed"), 0);
                tx.addAttachment(p.internalId(), info);
                return p;
            });
            crashed.close(); // the node dies between its commit and its rename
            try (FilesystemStorageArea running = new FilesystemStorageArea(storage, true, "running");
                    AutoCloseable periodic = StorageRecovery.everyInterval(index, running,
                            java.time.Duration.ofMillis(50))) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!Files.exists(running.pathOf(info.uuid())) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(running.pathOf(info.uuid())).hasContent("committed, not yet in place");
            }
        }
    }
}
