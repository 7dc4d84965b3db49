package io.isengard.dicom.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two ways into the reader, which check lengths differently: a file (size
 * known, lengths checked before allocating) and a stream (size unknown,
 * arrays grow as bytes arrive).
 */
enum Reading {
    STREAM {
        @Override
        DicomFile read(byte[] input, ReadOptions options) throws IOException {
            return DicomReader.read(new ByteArrayInputStream(input), options);
        }
    },
    PATH {
        @Override
        DicomFile read(byte[] input, ReadOptions options) throws IOException {
            Path file = TempFile.get();
            Files.write(file, input);
            return DicomReader.read(file, options);
        }
    };

    /**
     * One file per thread, rewritten for each read: tests read thousands of
     * inputs from files. In memory (/dev/shm) where there is one, since a disk
     * file system may flush a file that is truncated and rewritten.
     */
    private static final class TempFile {
        private static final Path SHM = Path.of("/dev/shm");
        private static final ThreadLocal<Path> FILE = ThreadLocal.withInitial(() -> {
            try {
                Path f = Files.isDirectory(SHM) && Files.isWritable(SHM)
                        ? Files.createTempFile(SHM, "isengard-robust", ".dcm")
                        : Files.createTempFile("isengard-robust", ".dcm");
                f.toFile().deleteOnExit();
                return f;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        static Path get() {
            return FILE.get();
        }
    }

    abstract DicomFile read(byte[] input, ReadOptions options) throws IOException;

    DicomFile read(byte[] input) throws IOException {
        return read(input, ReadOptions.DEFAULT);
    }
}
