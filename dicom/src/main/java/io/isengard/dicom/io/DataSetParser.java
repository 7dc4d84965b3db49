package io.isengard.dicom.io;

import io.isengard.dicom.BulkData;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.DicomParseException;
import io.isengard.dicom.Fragments;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.dictionary.DictionaryEntry;
import io.isengard.dicom.dictionary.ElementDictionary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Reads the elements of a data set (PS3.5 §7) from a {@link DicomInput} into
 * a {@link DataSet}: explicit or implicit VR, either byte order, sequences and
 * items of defined and undefined length, encapsulated pixel data.
 */
final class DataSetParser {
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final DicomInput in;
    private final ReadOptions options;
    /** The file the bytes come from, for bulk data references; null when they can't be referenced. */
    private final Path source;
    private boolean explicitVR;
    private long pixelDataOffset = -1;
    private boolean stopped;

    DataSetParser(DicomInput in, ReadOptions options, Path source, boolean explicitVR) {
        this.in = in;
        this.options = options;
        this.source = source;
        this.explicitVR = explicitVR;
    }

    long pixelDataOffset() {
        return pixelDataOffset;
    }

    boolean stoppedBeforePixelData() {
        return stopped;
    }

    /** Reads a top-level data set up to the end of the input (or the pixel data in header-only mode). */
    void readTopLevel(DataSet target) throws IOException {
        try {
            readElements(target, -1, 0, false);
        } catch (StackOverflowError e) {
            // Only when maxDepth was raised beyond what this thread's stack holds (thousands of levels):
            // the input is still what is wrong, and the stack has unwound to here.
            throw new DicomParseException(in.position(), "sequences nested too deeply for this thread's stack"
                    + " (the depth limit was set to " + options.maxDepth() + "); expected far fewer levels");
        }
    }

    /** Reads the next element at top level (the meta group is read one element at a time). */
    void readOneElement(DataSet target) throws IOException {
        long start = in.position();
        int tag = in.readTag();
        if ((tag >>> 16) == 0xFFFE) {
            throw new DicomParseException(start, "misplaced " + Tag.toString(tag) + "; expected a data element");
        }
        readElement(target, tag, start, -1, 0);
    }

    /**
     * Reads elements into {@code target}, up to byte offset {@code end}, or up
     * to the Item Delimitation Item when {@code undefinedItem}, or to the end
     * of input at top level.
     */
    private void readElements(DataSet target, long end, int depth, boolean undefinedItem) throws IOException {
        while (true) {
            if (end >= 0 ? in.position() >= end : (depth == 0 && in.atEnd())) {
                if (end >= 0 && in.position() > end) {
                    throw new DicomParseException(in.position(), "the last element runs "
                            + (in.position() - end) + " bytes past the end of its item (expected to end at " + end + ")");
                }
                return;
            }
            long start = in.position();
            int tag = in.readTag();
            if (tag == Tag.ItemDelimitationItem) {
                in.readU32("an item delimitation length");
                if (undefinedItem) {
                    return;
                }
                throw new DicomParseException(start, "unexpected Item Delimitation Item (FFFE,E00D) outside an item of undefined length; expected a data element");
            }
            if (tag == Tag.Item || tag == Tag.SequenceDelimitationItem) {
                throw new DicomParseException(start, "misplaced " + Tag.toString(tag)
                        + (tag == Tag.Item ? " item tag outside a sequence" : " sequence delimiter outside a sequence")
                        + "; expected a data element");
            }
            if (depth == 0 && options.stopBeforePixelData() && tag == Tag.PixelData) {
                pixelDataOffset = start;
                stopped = true;
                return;
            }
            readElement(target, tag, start, end, depth);
            if (stopped) {
                return;
            }
        }
    }

    private void readElement(DataSet target, int tag, long start, long end, int depth) throws IOException {
        VR vr;
        long length;
        if (explicitVR) {
            int code = in.readVRCode();
            vr = VR.ofCode(code);
            if (vr == null) {
                throw new DicomParseException(start + 4, "unknown VR '" + printable(code) + "' for element "
                        + Tag.toString(tag) + "; expected one of the two-letter VRs of PS3.5 Table 6.2-1");
            }
            if (vr.hasLongHeader()) {
                in.readU16("reserved bytes of an explicit VR header");
                length = in.readU32("a value length");
            } else {
                length = in.readU16("a value length");
            }
        } else {
            length = in.readU32("a value length");
            vr = implicitVR(target, tag, length);
        }
        if (depth == 0 && tag == Tag.PixelData) {
            pixelDataOffset = start;
        }
        if (length != UNDEFINED && end >= 0 && in.position() + length > end) {
            throw new DicomParseException(start, "element " + Tag.toString(tag) + " has a length of " + length
                    + " bytes, which runs past the end of its enclosing item at offset " + end);
        }
        if (vr == VR.SQ || (length == UNDEFINED && vr == VR.UN)) {
            target.put(tag, VR.SQ, readSequence(target, tag, vr, length, depth));
        } else if (length == UNDEFINED) {
            if (vr != VR.OB && vr != VR.OW) {
                throw new DicomParseException(start, "element " + Tag.toString(tag) + " (" + vr
                        + ") has undefined length, which only SQ, UN and encapsulated pixel data (OB/OW) may have");
            }
            target.put(tag, vr, readFragments(tag));
        } else {
            target.put(tag, vr, readValue(tag, vr, length));
        }
    }

    private Object readValue(int tag, VR vr, long length) throws IOException {
        Supplier<String> what = () -> "the value of " + Tag.toString(tag) + " " + vr;
        if (length > options.bulkDataThreshold() && source != null) {
            BulkData ref = new BulkData(source, in.position(), length, in.bigEndian());
            in.skip(length, what);
            return ref;
        }
        byte[] b = in.readBytes(length, what);
        if (in.bigEndian()) {
            ByteSwap.swap(b, vr.swapUnit());
        }
        return b;
    }

    private Sequence readSequence(DataSet parent, int tag, VR declared, long length, int depth)
            throws IOException {
        Sequence seq = new Sequence(parent);
        seq.setEncodedLength(length == UNDEFINED ? Sequence.UNDEFINED_LENGTH : length);
        boolean wasExplicit = explicitVR;
        boolean wasBigEndian = in.bigEndian();
        if (declared == VR.UN) {
            // CP-246: a UN sequence of undefined length is encoded implicit VR little endian inside.
            explicitVR = false;
            in.bigEndian(false);
        }
        long end = length == UNDEFINED ? -1 : in.position() + length;
        while (end < 0 || in.position() < end) {
            long start = in.position();
            int itemTag = in.readTag();
            long itemLength = in.readU32("an item length");
            if (itemTag == Tag.SequenceDelimitationItem) {
                if (end < 0) {
                    break;
                }
                throw new DicomParseException(start, "Sequence Delimitation Item in sequence " + Tag.toString(tag)
                        + " of defined length; expected an item (FFFE,E000)");
            }
            if (itemTag != Tag.Item) {
                throw new DicomParseException(start, "found " + Tag.toString(itemTag) + " in sequence "
                        + Tag.toString(tag) + "; expected an item (FFFE,E000) or a sequence delimiter (FFFE,E0DD)");
            }
            if (depth + 1 > options.maxDepth()) {
                throw new DicomParseException(start, "sequences nested deeper than the limit of "
                        + options.maxDepth() + " levels (at " + Tag.toString(tag) + ")");
            }
            DataSet item = seq.addItem();
            boolean undefinedItem = itemLength == UNDEFINED;
            item.setEncodedLength(undefinedItem ? Sequence.UNDEFINED_LENGTH : itemLength);
            long itemEnd = undefinedItem ? -1 : in.position() + itemLength;
            if (!undefinedItem && end >= 0 && itemEnd > end) {
                throw new DicomParseException(start, "item of " + itemLength + " bytes runs past the end of sequence "
                        + Tag.toString(tag) + " at offset " + end);
            }
            if (!undefinedItem) {
                in.checkAvailable(itemLength, () -> "an item of " + Tag.toString(tag));
            }
            readElements(item, itemEnd, depth + 1, undefinedItem);
        }
        if (end >= 0 && in.position() != end) {
            throw new DicomParseException(in.position(), "sequence " + Tag.toString(tag) + " ends at " + in.position()
                    + ", not at its declared end " + end);
        }
        explicitVR = wasExplicit;
        in.bigEndian(wasBigEndian);
        return seq;
    }

    private Fragments readFragments(int tag) throws IOException {
        Fragments fragments = new Fragments();
        while (true) {
            long start = in.position();
            int itemTag = in.readTag();
            long length = in.readU32("a fragment length");
            if (itemTag == Tag.SequenceDelimitationItem) {
                return fragments;
            }
            if (itemTag != Tag.Item) {
                throw new DicomParseException(start, "found " + Tag.toString(itemTag) + " in the encapsulated pixel data of "
                        + Tag.toString(tag) + "; expected a fragment item (FFFE,E000) or a sequence delimiter (FFFE,E0DD)");
            }
            if (length == UNDEFINED) {
                throw new DicomParseException(start, "fragment of " + Tag.toString(tag)
                        + " has undefined length; fragments must have a defined length");
            }
            Supplier<String> what = () -> "a fragment of " + Tag.toString(tag);
            if (length > options.bulkDataThreshold() && source != null) {
                fragments.add(new BulkData(source, in.position(), length, false));
                in.skip(length, what);
            } else {
                fragments.add(in.readBytes(length, what));
            }
        }
    }

    /** The VR an implicit VR transfer syntax implies: from the dictionary, or UN (PS3.5 §A.1). */
    private static VR implicitVR(DataSet target, int tag, long length) {
        if (tag == Tag.PixelData) {
            return VR.OW;
        }
        DictionaryEntry entry;
        if (Tag.isPrivate(tag) && !Tag.isPrivateCreator(tag) && !Tag.isGroupLength(tag)) {
            String creator = target.privateCreatorOf(tag);
            entry = creator == null ? null : ElementDictionary.lookupPrivate(creator, tag);
        } else {
            entry = ElementDictionary.lookup(tag);
        }
        if (entry == null) {
            return VR.UN;
        }
        VR vr = entry.vr();
        if (entry.vrs().size() > 1 && entry.vrs().contains(VR.SS) && entry.vrs().contains(VR.US)) {
            // "US or SS" elements follow Pixel Representation, as DCMTK resolves them.
            return target.getInt(0x00280103, 0) == 1 ? VR.SS : VR.US;
        }
        return vr;
    }

    private static String printable(int code) {
        char a = (char) (code >>> 8);
        char b = (char) (code & 0xFF);
        return (a >= 32 && a < 127 ? String.valueOf(a) : String.format("\\x%02X", (int) a))
                + (b >= 32 && b < 127 ? String.valueOf(b) : String.format("\\x%02X", (int) b));
    }
}
