package io.isengard.dicom.json;

import io.isengard.dicom.BulkData;
import io.isengard.dicom.VR;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/** The bytes of an element value, fetching those a {@link BulkData} reference left in its file. */
final class ValueBytes {
    /** Larger bulk values are not fetched for rendering (they cannot fit a JSON string anyway). */
    static final long MAX_FETCH = Integer.MAX_VALUE - 16;

    private ValueBytes() {}

    /** The value as little-endian bytes, or null if it is neither in memory nor readable. */
    static byte[] of(Object value, VR vr) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof BulkData ref && ref.source() != null && ref.length() <= MAX_FETCH) {
            byte[] b = read(ref);
            if (ref.bigEndian()) {
                swap(b, vr.swapUnit());
            }
            return b;
        }
        return null;
    }

    static byte[] read(BulkData ref) {
        byte[] b = new byte[(int) ref.length()];
        try (FileChannel ch = FileChannel.open(ref.source(), StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            long at = ref.offset();
            while (buf.hasRemaining()) {
                int n = ch.read(buf, at);
                if (n < 0) {
                    throw new IOException("file ends before the bulk data at " + ref.offset() + " (+" + ref.length()
                            + ") in " + ref.source());
                }
                at += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b;
    }

    private static void swap(byte[] b, int unit) {
        if (unit <= 1) {
            return;
        }
        for (int i = 0; i + unit <= b.length; i += unit) {
            for (int j = 0; j < unit / 2; j++) {
                byte t = b[i + j];
                b[i + j] = b[i + unit - 1 - j];
                b[i + unit - 1 - j] = t;
            }
        }
    }
}
