package io.isengard.server.warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the warm-up's scratch server keeps its files: in memory ({@code /dev/shm})
 * when the machine has it, else in a folder beside the storage area.
 *
 * <p>Memory first because of what the warm-up leaves behind on a disk: it
 * creates and deletes a few thousand files, and ext4 without a journal
 * skips inodes freed in the last 30 seconds when it allocates new ones,
 * scanning past each of them. The first uploads after the start would then
 * pay for the warm-up's deletions (a quarter of the server's CPU time in a
 * profile of the benchmark's ingest).
 */
final class ScratchFolder {
    static final String PREFIX = "isengard-warm-up-";
    static final Path SHARED_MEMORY = Path.of("/dev/shm");

    private ScratchFolder() {}

    /**
     * The scratch folder of this process: {@code <memory>/isengard-warm-up-<pid>}
     * when {@code memory} is a writable folder, else {@code <storage>/.isengard-warm-up}.
     * Leftovers of warm-ups that were killed midway are removed first.
     */
    static Path choose(Path storageDirectory, Path memory) throws IOException {
        Path beside = storageDirectory.toAbsolutePath().resolve(WarmUp.FOLDER);
        delete(beside); // left by a warm-up killed midway, or by a version that always used it
        if (memory == null || !Files.isDirectory(memory) || !Files.isWritable(memory)) {
            return beside;
        }
        removeOrphans(memory);
        return memory.resolve(PREFIX + ProcessHandle.current().pid());
    }

    /** Folders of processes that are gone; those of running servers warming up are theirs. */
    private static void removeOrphans(Path memory) throws IOException {
        List<Path> candidates;
        try (Stream<Path> s = Files.list(memory)) {
            candidates = s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList();
        } catch (IOException unreadable) {
            return;
        }
        for (Path p : candidates) {
            String pid = p.getFileName().toString().substring(PREFIX.length());
            boolean alive;
            try {
                alive = ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
            } catch (NumberFormatException notOurs) {
                continue;
            }
            if (!alive || Long.parseLong(pid) == ProcessHandle.current().pid()) {
                delete(p);
            }
        }
    }

    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
