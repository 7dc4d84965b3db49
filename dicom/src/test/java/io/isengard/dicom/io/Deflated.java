package io.isengard.dicom.io;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Deflated files put together from a meta group and any body, deflated as PS3.5 §A.5 says (raw deflate). */
final class Deflated {
    private Deflated() {}

    static byte[] deflate(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    /** Preamble, "DICM" and the meta group of a deflated file, which is itself never deflated. */
    static byte[] header() {
        byte[] file = Samples.write(new DataSet(), TransferSyntax.DeflatedExplicitVRLittleEndian);
        return Arrays.copyOf(file, file.length - deflate(new byte[0]).length);
    }

    /** A deflated file whose data set, before deflating, is {@code body}. */
    static byte[] file(byte[] body) {
        byte[] header = header();
        byte[] deflated = deflate(body);
        byte[] r = Arrays.copyOf(header, header.length + deflated.length);
        System.arraycopy(deflated, 0, r, header.length, deflated.length);
        return r;
    }
}
