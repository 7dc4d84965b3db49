package io.isengard.dicom.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * A coded character set as a table of cells: 256 cells indexed by byte for a
 * single-byte set, or 94 x 94 cells indexed by {@code (row - 0x21) * 94 + (col - 0x21)}
 * for a double-byte set.
 *
 * <p>Tables are read once from the JDK's charsets rather than written out here,
 * so the JDK stays the single source of mappings; owning the table (instead of
 * calling a CharsetDecoder per value) lets the ISO 2022 decoder switch sets in
 * the middle of a value and makes decoding a lock-free array lookup that is safe
 * to share between threads.
 */
final class CodeTable {
    static final char UNMAPPED = '\uFFFD';

    private final char[] cells;
    /** Unicode values of mapped cells, sorted, for encoding by binary search. */
    private final char[] sortedChars;
    /** Cell index of {@code sortedChars[i]}. */
    private final short[] cellOf;

    private CodeTable(char[] cells) {
        this.cells = cells;
        int n = 0;
        long[] pairs = new long[cells.length];
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != UNMAPPED) {
                // Sorting (char, index) pairs keeps the lowest index when a
                // charset maps two cells to the same character.
                pairs[n++] = ((long) cells[i] << 16) | i;
            }
        }
        pairs = Arrays.copyOf(pairs, n);
        Arrays.sort(pairs);
        char[] chars = new char[n];
        short[] idx = new short[n];
        int m = 0;
        for (long p : pairs) {
            char c = (char) (p >>> 16);
            if (m == 0 || chars[m - 1] != c) {
                chars[m] = c;
                idx[m] = (short) p;
                m++;
            }
        }
        this.sortedChars = Arrays.copyOf(chars, m);
        this.cellOf = Arrays.copyOf(idx, m);
    }

    /** The 256 cells of a single-byte charset. */
    static CodeTable singleByte(Charset cs) {
        CharsetDecoder dec = strictDecoder(cs);
        char[] cells = new char[256];
        for (int b = 0; b < 256; b++) {
            cells[b] = decodeCell(dec, new byte[] {(byte) b});
        }
        return new CodeTable(cells);
    }

    /**
     * The 94 x 94 cells of a double-byte set, read through an EUC-style charset
     * in which cell (row, col) is the bytes {@code prefix..., row | 0x80, col | 0x80}.
     */
    static CodeTable doubleByte(Charset cs, byte... prefix) {
        CharsetDecoder dec = strictDecoder(cs);
        char[] cells = new char[94 * 94];
        byte[] seq = Arrays.copyOf(prefix, prefix.length + 2);
        for (int row = 0; row < 94; row++) {
            for (int col = 0; col < 94; col++) {
                seq[prefix.length] = (byte) (0xA1 + row);
                seq[prefix.length + 1] = (byte) (0xA1 + col);
                cells[row * 94 + col] = decodeCell(dec, seq);
            }
        }
        return new CodeTable(cells);
    }

    /** A table with every cell unmapped, for charsets missing from a trimmed runtime. */
    static CodeTable empty(int size) {
        char[] cells = new char[size];
        Arrays.fill(cells, UNMAPPED);
        return new CodeTable(cells);
    }

    /** The character of a cell, or U+FFFD if the cell is unassigned. */
    char decode(int cell) {
        return cells[cell];
    }

    /** The cell holding {@code codePoint}, or -1 if this set does not have it. */
    int encode(int codePoint) {
        if (codePoint > 0xFFFF) {
            return -1;
        }
        int i = Arrays.binarySearch(sortedChars, (char) codePoint);
        return i < 0 ? -1 : cellOf[i] & 0xFFFF;
    }

    private static CharsetDecoder strictDecoder(Charset cs) {
        return cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static char decodeCell(CharsetDecoder dec, byte[] seq) {
        try {
            dec.reset();
            CharBuffer out = dec.decode(ByteBuffer.wrap(seq));
            // Cells that decode to two chars (surrogates, combining pairs) cannot
            // be represented in a char table; none of the DICOM sets has any.
            return out.remaining() == 1 ? out.get() : UNMAPPED;
        } catch (CharacterCodingException e) {
            return UNMAPPED;
        }
    }
}
