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
            Path file = Files.createTempFile("isengard-robust", ".dcm");
            try {
                Files.write(file, input);
                return DicomReader.read(file, options);
            } finally {
                Files.delete(file);
            }
        }
    };

    abstract DicomFile read(byte[] input, ReadOptions options) throws IOException;

    DicomFile read(byte[] input) throws IOException {
        return read(input, ReadOptions.DEFAULT);
    }
}
