package io.isengard.server.dicom;

import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.FileInfo;
import io.isengard.server.resources.InstanceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The DICOM file of a stored instance as a local path for a C-STORE
 * sub-operation: the stored file itself, or (compressed storage) a
 * temporary copy with the bytes decompressed, deleted on close.
 */
final class StoredFile implements AutoCloseable {
    private final Path path;
    private final boolean temporary;

    private StoredFile(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    static StoredFile of(InstanceFiles files, ResourceRef instance) throws IOException {
        FileInfo info = files.dicomAttachment(instance);
        Optional<Path> local = files.localFile(info);
        if (local.isPresent()) {
            return new StoredFile(local.get(), false);
        }
        Path tmp = Files.createTempFile("isengard-cstore-", ".dcm");
        try (InputStream in = files.open(info)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new StoredFile(tmp, true);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (temporary) {
            Files.deleteIfExists(path);
        }
    }
}
