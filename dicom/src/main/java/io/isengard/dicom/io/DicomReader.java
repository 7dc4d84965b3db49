package io.isengard.dicom.io;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.DicomParseException;
import io.isengard.dicom.Tag;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.VR;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads DICOM: Part 10 files (preamble, "DICM", meta group, data set) and
 * bare data sets whose transfer syntax is guessed from their first bytes.
 */
public final class DicomReader {
    private static final int BUFFER_SIZE = 16 * 1024;

    private DicomReader() {}

    /** Reads a file; values above the bulk data threshold stay in the file as references. */
    public static DicomFile read(Path file, ReadOptions options) throws IOException {
        // The size of the open channel, not Files.size: one system call less, and the size of what is read.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(new DicomInput(Channels.newInputStream(ch), ch.size(), BUFFER_SIZE), options, file);
        }
    }

    /** Reads a stream, Part 10 or bare data set; values are read into memory (no references). */
    public static DicomFile read(InputStream in, ReadOptions options) throws IOException {
        return read(new DicomInput(in, -1, BUFFER_SIZE), options, null);
    }

    /** Reads a bare data set encoded with a known transfer syntax (e.g. a DIMSE data set). */
    public static DataSet readDataSet(InputStream stream, TransferSyntax ts, ReadOptions options) throws IOException {
        DicomInput in = new DicomInput(stream, -1, BUFFER_SIZE);
        DataSet ds = new DataSet();
        parserFor(in, ts, options, null).readTopLevel(ds);
        return ds;
    }

    private static DicomFile read(DicomInput in, ReadOptions options, Path source) throws IOException {
        if (in.atEnd()) {
            throw new DicomParseException(0, "empty input; expected a DICOM file (a preamble and \"DICM\", or a data set)");
        }
        boolean preamble = hasPreamble(in);
        if (preamble) {
            in.skip(132, () -> "the preamble");
        }
        DataSet meta = new DataSet();
        if (preamble || looksLikeMetaGroup(in)) {
            readMetaGroup(in, meta);
        }
        String tsUid = meta.string(Tag.TransferSyntaxUID);
        if ((preamble || !meta.isEmpty()) && (tsUid == null || tsUid.isEmpty())) {
            throw new DicomParseException(in.position(), "the file meta information has no Transfer Syntax UID (0002,0010)");
        }
        TransferSyntax ts;
        if (tsUid == null) {
            requireDataElementStart(in);
            ts = guess(in);
        } else {
            ts = TransferSyntax.of(tsUid);
        }
        long dataSetOffset = in.position();
        DataSet ds = new DataSet();
        DataSetParser parser = parserFor(in, ts, options, ts.deflated() ? null : source);
        parser.readTopLevel(ds);
        long pixelDataOffset = ts.deflated() ? -1 : parser.pixelDataOffset();
        return new DicomFile(meta, ds, ts, preamble, dataSetOffset, pixelDataOffset, parser.stoppedBeforePixelData());
    }

    private static DataSetParser parserFor(DicomInput in, TransferSyntax ts, ReadOptions options, Path source) {
        DicomInput body = in;
        if (ts.deflated()) {
            // PS3.5 §A.5: everything after the meta group is raw deflate (no zlib header).
            long start = in.position();
            body = new DicomInput(new InflatingInput(in.rest(), start, BUFFER_SIZE), -1, BUFFER_SIZE);
        }
        body.bigEndian(ts.bigEndian());
        return new DataSetParser(body, options, source, ts.explicitVR());
    }

    private static boolean hasPreamble(DicomInput in) throws IOException {
        return in.fill(132) >= 132 && in.peek(128) == 'D' && in.peek(129) == 'I' && in.peek(130) == 'C'
                && in.peek(131) == 'M';
    }

    /** A meta group without preamble: starts with (0002,xxxx) in explicit VR little endian. */
    private static boolean looksLikeMetaGroup(DicomInput in) throws IOException {
        return in.fill(6) >= 6 && in.peek(0) == 0x02 && in.peek(1) == 0x00
                && VR.ofCode((in.peek(4) << 8) | in.peek(5)) != null;
    }

    /**
     * The meta group is explicit VR little endian. It ends where group 0002
     * does, since its length is often wrong; but where the length it declares
     * ends exactly on an element, it ends there, as DCMTK's does: a (0002,xxxx)
     * element after that is a stray of the data set and must not replace the
     * real one, and elements of another group before that belong to the meta
     * group (DCMTK warns "Invalid Element (0008,0000) found in Meta Information
     * Header" and keeps it there, so Orthanc's tag dumps lack it).
     */
    private static void readMetaGroup(DicomInput in, DataSet meta) throws IOException {
        in.bigEndian(false);
        DataSetParser parser = new DataSetParser(in, ReadOptions.DEFAULT, null, true);
        long declaredEnd = -1;
        while (in.fill(2) >= 2 && in.position() != declaredEnd
                && (in.peek(0) == 0x02 && in.peek(1) == 0x00 || endsOnElement(in, declaredEnd))) {
            parser.readOneElement(meta);
            if (meta.size() == 1 && meta.tagAt(0) == Tag.FileMetaInformationGroupLength && declaredEnd < 0) {
                long[] length = meta.longs(Tag.FileMetaInformationGroupLength);
                if (meta.vrAt(0) == VR.UL && length != null && length.length == 1) {
                    declaredEnd = in.position() + length[0];
                }
            }
        }
    }

    /** How far ahead {@link #endsOnElement} looks: meta groups are a few hundred bytes. */
    private static final int META_LOOKAHEAD = 4096;

    /**
     * True if the explicit VR little endian elements from here end exactly at
     * {@code declaredEnd} (not after it, none of undefined length), looking no
     * further than {@link #META_LOOKAHEAD} bytes.
     */
    private static boolean endsOnElement(DicomInput in, long declaredEnd) throws IOException {
        long span = declaredEnd - in.position();
        if (declaredEnd < 0 || span <= 0 || span > META_LOOKAHEAD) {
            return false;
        }
        long off = 0;
        while (off < span) {
            int at = (int) off;
            VR vr = VR.ofCode((in.peek(at + 4) << 8) | in.peek(at + 5));
            if (vr == null) {
                return false;
            }
            long length = vr.hasLongHeader() ? peekU32(in, at + 8) : peekU16(in, at + 6);
            if (length < 0 || length == 0xFFFFFFFFL) {
                return false;
            }
            off += (vr.hasLongHeader() ? 12 : 8) + length;
        }
        return off == span;
    }

    /** An unsigned little endian 16-bit value ahead, or -1 past the end of input. */
    private static long peekU16(DicomInput in, int i) throws IOException {
        int lo = in.peek(i);
        int hi = in.peek(i + 1);
        return lo < 0 || hi < 0 ? -1 : lo | (hi << 8);
    }

    /** An unsigned little endian 32-bit value ahead, or -1 past the end of input. */
    private static long peekU32(DicomInput in, int i) throws IOException {
        long lo = peekU16(in, i);
        long hi = peekU16(in, i + 2);
        return lo < 0 || hi < 0 ? -1 : lo | (hi << 16);
    }

    /**
     * A bare data set can't start with group 0000, whose command elements
     * belong to DIMSE messages, not to stored data sets. Zeros there are rather
     * a preamble without "DICM", which would otherwise read as a run of empty
     * (0000,0000) elements.
     */
    private static void requireDataElementStart(DicomInput in) throws IOException {
        if (in.peek(0) == 0 && in.peek(1) == 0) {
            throw new DicomParseException(in.position(), "expected a preamble followed by \"DICM\", or a data set;"
                    + " found group 0000, which holds DIMSE command elements, not stored data (a preamble without \"DICM\"?)");
        }
    }

    /**
     * Guesses the transfer syntax of a bare data set from its first element:
     * a valid VR after the tag means explicit VR; a group that reads small in
     * one byte order and large in the other gives the byte order.
     */
    static TransferSyntax guess(DicomInput in) throws IOException {
        if (in.fill(6) < 6) {
            return TransferSyntax.ImplicitVRLittleEndian;
        }
        int groupLE = in.peek(0) | (in.peek(1) << 8);
        int groupBE = (in.peek(0) << 8) | in.peek(1);
        boolean explicit = VR.ofCode((in.peek(4) << 8) | in.peek(5)) != null;
        boolean bigEndian = groupBE < groupLE && groupBE != 0;
        if (!explicit) {
            return TransferSyntax.ImplicitVRLittleEndian;
        }
        return bigEndian ? TransferSyntax.ExplicitVRBigEndian : TransferSyntax.ExplicitVRLittleEndian;
    }
}
