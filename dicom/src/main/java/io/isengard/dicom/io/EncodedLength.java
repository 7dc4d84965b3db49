package io.isengard.dicom.io;

import io.isengard.dicom.BulkData;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Fragments;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.VR;

/**
 * Byte counts of elements as {@link DicomWriter} encodes them (sequences and
 * items with undefined length, values padded to even length), to compute
 * group lengths.
 */
final class EncodedLength {
    private EncodedLength() {}

    static long ofElement(int tag, VR vr, Object value, TransferSyntax ts) {
        long header = headerLength(vr, ts.explicitVR());
        if (value instanceof Sequence s) {
            long n = header + 8; // sequence delimiter
            for (DataSet item : s) {
                n += 8 + ofDataSet(item, ts) + 8; // item, item delimiter
            }
            return n;
        }
        if (value instanceof Fragments f) {
            long n = header + 8;
            for (int i = 0; i < f.size(); i++) {
                n += 8 + even(f.length(i));
            }
            return n;
        }
        return header + even(valueLength(value));
    }

    static long ofDataSet(DataSet ds, TransferSyntax ts) {
        long n = 0;
        for (int i = 0; i < ds.size(); i++) {
            n += ofElement(ds.tagAt(i), ds.vrAt(i), ds.valueAt(i), ts);
        }
        return n;
    }

    static long headerLength(VR vr, boolean explicitVR) {
        return explicitVR && !vr.hasLongHeader() ? 8 : 12 - (explicitVR ? 0 : 4);
    }

    static long valueLength(Object value) {
        return value instanceof byte[] b ? b.length : ((BulkData) value).length();
    }

    static long even(long n) {
        return n + (n & 1);
    }
}
