package io.isengard.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files a storage folder holds for attachments: every regular file
 * except the SQLite index (which the tests keep in the same folder) and the
 * lock a running node holds on its pending folder.
 */
public final class StorageFiles {
    private StorageFiles() {}

    public static List<Path> in(Path storage) {
        try (Stream<Path> s = Files.walk(storage)) {
            return s.filter(Files::isRegularFile).filter(StorageFiles::isAttachmentFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isAttachmentFile(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith("isengard-index") && !name.equals(".lock");
    }
}
