package io.isengard.dicom.io;

import static io.isengard.dicom.io.RawBytes.UNDEFINED;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Fragments;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.VR;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Small valid files with sequences, fragments and the usual value kinds, made
 * by the writer or byte by byte (defined lengths, which the writer never
 * makes), with the offsets at which a truncated copy is still a valid file.
 */
final class Samples {
    static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    /**
     * @param validCuts for each length at which a prefix of {@code bytes} is a
     *     valid file, the number of top-level data set elements it holds
     */
    record Sample(String name, byte[] bytes, Map<Integer, Integer> validCuts) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Samples() {}

    /** Every sample: writer-made in each transfer syntax, and hand-made. */
    static List<Sample> all() {
        List<Sample> samples = new ArrayList<>();
        for (TransferSyntax ts : List.of(TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRLittleEndian,
                TransferSyntax.ExplicitVRBigEndian)) {
            samples.add(written(ts));
        }
        samples.add(written("writer implicit: ISO 2022, private dictionary, US or SS",
                dictionaryDependent(), TransferSyntax.ImplicitVRLittleEndian));
        samples.add(definedLengths());
        samples.add(encapsulated());
        return samples;
    }

    /**
     * What implicit VR reading looks up as it goes: a code-extension character
     * set (decoding private creators), a private dictionary entry, "US or SS"
     * elements that follow Pixel Representation.
     */
    static DataSet dictionaryDependent() {
        DataSet ds = new DataSet();
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "", "ISO 2022 IR 87");
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.4");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.4");
        ds.putString(0x00100010, VR.PN, "Yamada^Tarou=\u5c71\u7530^\u592a\u90ce");
        ds.putInts(0x00280103, VR.US, 1);
        ds.putInts(0x00280106, VR.SS, -2000);
        ds.putInts(0x00280107, VR.SS, 3000);
        ds.putString(0x00290010, VR.LO, "SIEMENS CSA HEADER");
        ds.putString(0x00291008, VR.CS, "IMAGE NUM 4");
        ds.put(0x00291010, VR.OB, new byte[] {'S', 'V', '1', '0', 4, 3, 2, 1});
        ds.putString(0x00291110, VR.LO, "unknown private");
        return ds;
    }

    /** A data set with nested sequences, text, binary numbers, private elements and native pixel data. */
    static DataSet dataSet() {
        DataSet ds = new DataSet();
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.1");
        Sequence refs = ds.newSequence(0x00081110);
        DataSet first = refs.addItem();
        first.putString(0x00081150, VR.UI, "1.2.840.10008.3.1.2.3.1");
        first.putString(0x00081155, VR.UI, "1.2.3.4.5");
        DataSet second = refs.addItem();
        second.newSequence(0x00081115).addItem().putString(0x00100020, VR.LO, "inner");
        refs.addItem(); // an empty item
        ds.putString(0x00100010, VR.PN, "Müller^Hans");
        ds.putString(0x00100020, VR.LO, "12345678");
        ds.putString(0x00180050, VR.DS, "1.25");
        ds.putInts(0x00280010, VR.US, 4);
        ds.putInts(0x00280011, VR.US, 4);
        ds.putString(0x00090010, VR.LO, "ROBUST");
        ds.put(0x00091001, VR.OB, new byte[] {1, 2, 3, 4, 5, 6});
        ds.put(0x00091002, VR.FD, new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F});
        byte[] pixels = new byte[32];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        ds.put(Tag.PixelData, VR.OW, pixels);
        return ds;
    }

    static byte[] write(DataSet ds, TransferSyntax ts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            DicomWriter.writeFile(out, null, ds, ts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Sample written(TransferSyntax ts) {
        return written("writer " + ts.keyword(), dataSet(), ts);
    }

    /** A writer-made file; its valid cuts follow from the encoded lengths of its elements. */
    static Sample written(String name, DataSet ds, TransferSyntax ts) {
        byte[] bytes = write(ds, ts);
        Map<Integer, Integer> cuts = new TreeMap<>();
        long at = addMetaCuts(cuts, FileMetaInformation.create(ds, ts.uid()));
        for (int i = 0; i < ds.size(); i++) {
            at += EncodedLength.ofElement(ds.tagAt(i), ds.vrAt(i), ds.valueAt(i), ts);
            cuts.put((int) at, i + 1);
        }
        if (at != bytes.length) {
            throw new AssertionError("computed " + at + " bytes, the writer wrote " + bytes.length);
        }
        return new Sample(name, bytes, cuts);
    }

    /**
     * Adds the cuts within a meta group that leave a valid file (an empty data
     * set): those after the Transfer Syntax UID. Returns where the meta group ends.
     */
    private static long addMetaCuts(Map<Integer, Integer> cuts, DataSet meta) {
        long at = 132 + 12; // preamble, "DICM", group length element
        for (int i = 0; i < meta.size(); i++) {
            at += EncodedLength.ofElement(meta.tagAt(i), meta.vrAt(i), meta.valueAt(i),
                    TransferSyntax.ExplicitVRLittleEndian);
            if (Integer.compareUnsigned(meta.tagAt(i), Tag.TransferSyntaxUID) >= 0) {
                cuts.put((int) at, 0);
            }
        }
        return at;
    }

    /** Defined-length sequences and items, an undefined item inside a defined sequence, a CP-246 UN sequence. */
    static Sample definedLengths() {
        Map<Integer, Integer> cuts = new TreeMap<>();
        RawBytes b = RawBytes.part10(TransferSyntax.ExplicitVRLittleEndian);
        long metaEnd = addMetaCuts(cuts, RawBytes.part10Meta(TransferSyntax.ExplicitVRLittleEndian));
        if (metaEnd != b.size()) {
            throw new AssertionError("computed " + metaEnd + " bytes of meta group, the writer wrote " + b.size());
        }
        b.explicit(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.7\0");
        cuts.put(b.size(), 1);
        RawBytes item = RawBytes.le().explicit(0x00100020, "LO", "inner1").explicit(0x00081115, "SQ", 0);
        RawBytes items = RawBytes.le().item(item.size()).raw(item.toArray())
                .item(UNDEFINED).explicit(0x00100021, "LO", "issuer").itemDelimiter()
                .item(0);
        b.explicit(0x00081110, "SQ", items.size()).raw(items.toArray());
        cuts.put(b.size(), 2);
        b.explicit(0x00090010, "LO", "ROBUST");
        cuts.put(b.size(), 3);
        // A private UN of undefined length: implicit VR little endian inside (CP-246).
        RawBytes implicitItem = RawBytes.le().implicit(0x00100020, 4).ascii("abcd").implicit(0x00100030, 0);
        b.explicit(0x00091010, "UN", UNDEFINED).item(implicitItem.size()).raw(implicitItem.toArray())
                .sequenceDelimiter();
        cuts.put(b.size(), 4);
        b.explicit(0x00100010, "PN", "Doe^Jane");
        cuts.put(b.size(), 5);
        b.explicit(0x00280010, "US", 2).u16(2);
        cuts.put(b.size(), 6);
        b.explicit(Tag.PixelData, "OW", 8).raw(new byte[] {1, 0, 2, 0, 3, 0, 4, 0});
        cuts.put(b.size(), 7);
        return new Sample("hand-made defined lengths", b.toArray(), cuts);
    }

    /** Encapsulated pixel data: an empty offset table and two fragments. */
    static Sample encapsulated() {
        DataSet ds = new DataSet();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.2");
        ds.putString(0x00100010, VR.PN, "Doe^John");
        Fragments f = new Fragments();
        f.add(new byte[0]);
        f.add(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4});
        f.add(new byte[] {5, 6, 7, 8, (byte) 0xFF, (byte) 0xD9});
        ds.put(Tag.PixelData, VR.OB, f);
        return written("writer encapsulated", ds, TransferSyntax.of(JPEG_BASELINE));
    }

    /** The first {@code n} elements of a data set. */
    static DataSet prefix(DataSet ds, int n) {
        DataSet p = new DataSet();
        for (int i = 0; i < n; i++) {
            p.put(ds.tagAt(i), ds.vrAt(i), ds.valueAt(i));
        }
        return p;
    }
}
