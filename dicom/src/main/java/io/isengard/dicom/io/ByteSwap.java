package io.isengard.dicom.io;

/** Reverses the byte order of each {@code unit}-byte number in an array, in place. */
final class ByteSwap {
    private ByteSwap() {}

    static void swap(byte[] b, int unit) {
        swap(b, 0, b.length, unit);
    }

    static void swap(byte[] b, int off, int len, int unit) {
        if (unit <= 1) {
            return;
        }
        int end = off + len - len % unit;
        for (int i = off; i < end; i += unit) {
            for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }
}
