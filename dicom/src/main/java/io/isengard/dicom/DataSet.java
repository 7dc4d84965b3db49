package io.isengard.dicom;

import io.isengard.dicom.charset.SpecificCharacterSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DICOM data set: elements kept in tag order (unsigned) in three parallel
 * arrays, as dcm4che does, so that lookup is a binary search and appending in
 * file order costs nothing.
 *
 * <p>A value is one of: {@code byte[]} (the encoded value, padding included;
 * binary VRs always little endian whatever the source byte order),
 * {@link Sequence}, {@link Fragments} (encapsulated pixel data) or
 * {@link BulkData} (a reference to bytes left in the source). Text is decoded
 * on request with the Specific Character Set of this data set, or of its
 * parent for a sequence item.
 */
public final class DataSet {
    private static final int[] NO_TAGS = new int[0];
    private static final VR[] NO_VRS = new VR[0];
    private static final Object[] NO_VALUES = new Object[0];

    private final DataSet parent;
    private int[] tags = NO_TAGS;
    private VR[] vrs = NO_VRS;
    private Object[] values = NO_VALUES;
    private int size;
    private long encodedLength = Sequence.UNDEFINED_LENGTH;

    /** A top-level data set. */
    public DataSet() {
        this(null);
    }

    /** An item of a sequence held by {@code parent}. */
    public DataSet(DataSet parent) {
        this.parent = parent;
    }

    /** The data set holding the sequence this item belongs to, or null at top level. */
    public DataSet parent() {
        return parent;
    }

    /** Nesting depth: 0 at top level, 1 for items of a top-level sequence, ... */
    public int depth() {
        int d = 0;
        for (DataSet p = parent; p != null; p = p.parent) {
            d++;
        }
        return d;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int tagAt(int index) {
        return tags[checkIndex(index)];
    }

    public VR vrAt(int index) {
        return vrs[checkIndex(index)];
    }

    public Object valueAt(int index) {
        return values[checkIndex(index)];
    }

    private int checkIndex(int index) {
        return java.util.Objects.checkIndex(index, size);
    }

    /** Index of {@code tag}, or {@code -(insertion point) - 1} if absent. */
    public int indexOf(int tag) {
        if (size > 0 && Integer.compareUnsigned(tags[size - 1], tag) < 0) {
            return -size - 1;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(tags[mid], tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** The VR of {@code tag}, or null if absent. */
    public VR vr(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : vrs[i];
    }

    /** The value of {@code tag} (see the class comment for its types), or null if absent. */
    public Object value(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : values[i];
    }

    /** The encoded value of {@code tag} if it is held in memory, else null. */
    public byte[] bytes(int tag) {
        return value(tag) instanceof byte[] b ? b : null;
    }

    /** The sequence of {@code tag}, or null if absent or not a sequence. */
    public Sequence sequence(int tag) {
        return value(tag) instanceof Sequence s ? s : null;
    }

    /**
     * Adds or replaces an element. Values must be {@code byte[]} (binary VRs
     * little endian), {@link Sequence}, {@link Fragments} or {@link BulkData}.
     */
    public void put(int tag, VR vr, Object value) {
        if (!(value instanceof byte[] || value instanceof Sequence || value instanceof Fragments
                || value instanceof BulkData)) {
            throw new IllegalArgumentException("unsupported value type for " + Tag.toString(tag) + ": " + value);
        }
        int i = indexOf(tag);
        if (i >= 0) {
            vrs[i] = vr;
            values[i] = value;
            return;
        }
        int at = -i - 1;
        if (size == tags.length) {
            int n = Math.max(8, size + (size >> 1));
            tags = Arrays.copyOf(tags, n);
            vrs = Arrays.copyOf(vrs, n);
            values = Arrays.copyOf(values, n);
        }
        if (at < size) {
            System.arraycopy(tags, at, tags, at + 1, size - at);
            System.arraycopy(vrs, at, vrs, at + 1, size - at);
            System.arraycopy(values, at, values, at + 1, size - at);
        }
        tags[at] = tag;
        vrs[at] = vr;
        values[at] = value;
        size++;
    }

    /** Adds a new, empty sequence and returns it. */
    public Sequence newSequence(int tag) {
        Sequence s = new Sequence(this);
        put(tag, VR.SQ, s);
        return s;
    }

    /** Removes {@code tag}; returns true if it was present. */
    public boolean remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return false;
        }
        System.arraycopy(tags, i + 1, tags, i, size - i - 1);
        System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        values[size] = null;
        return true;
    }

    /** The length this item had where it was read, or {@link Sequence#UNDEFINED_LENGTH}. */
    public long encodedLength() {
        return encodedLength;
    }

    public void setEncodedLength(long encodedLength) {
        this.encodedLength = encodedLength;
    }

    // ---------------------------------------------------------------- text

    /**
     * The Specific Character Set that applies here: (0008,0005) of this data
     * set, else of the nearest ancestor that has it, else the default repertoire.
     */
    public SpecificCharacterSet specificCharacterSet() {
        for (DataSet d = this; d != null; d = d.parent) {
            byte[] v = d.bytes(Tag.SpecificCharacterSet);
            if (v != null) {
                return SpecificCharacterSet.of(splitAscii(v));
            }
        }
        return SpecificCharacterSet.DEFAULT;
    }

    /**
     * The whole text value of {@code tag}, decoded, with trailing padding (and,
     * except for UT, UR and LT-like texts, leading spaces kept as DICOM says)
     * removed; values of multi-valued elements stay joined by backslashes.
     * Binary numeric VRs are rendered as text as DCMTK does. Null if absent or
     * not held in memory.
     */
    public String string(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b)) {
            return null;
        }
        return ValueText.toText(this, vrs[i], b);
    }

    /** The values of a text element split on backslash (for STRING VRs), decoded and trimmed. */
    public String[] strings(int tag) {
        String s = string(tag);
        if (s == null) {
            return null;
        }
        VR vr = vr(tag);
        if (s.isEmpty()) {
            return new String[0];
        }
        if (vr.kind() == VR.Kind.TEXT) {
            return new String[] {s};
        }
        return s.split("\\\\", -1);
    }

    /** The first value of a text element, or {@code def} if absent or empty. */
    public String string(int tag, String def) {
        String[] v = strings(tag);
        return v == null || v.length == 0 ? def : v[0];
    }

    /** Sets a text element, encoding it with this data set's Specific Character Set and padding it to even length. */
    public void putString(int tag, VR vr, String... values) {
        String joined = String.join("\\", values);
        byte[] b = vr.usesSpecificCharacterSet()
                ? specificCharacterSet().encode(joined, vr)
                : joined.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        put(tag, vr, padded(b, vr));
    }

    /** Sets a US, UL, SS or SL element to the given values. */
    public void putInts(int tag, VR vr, int... v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * vr.swapUnit()).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            switch (vr) {
                case US, SS -> buf.putShort((short) x);
                case UL, SL -> buf.putInt(x);
                default -> throw new IllegalArgumentException("not an integer VR: " + vr);
            }
        }
        put(tag, vr, buf.array());
    }

    /** The integer values of a US, SS, UL, SL, IS element (UL as unsigned in a long), or null. */
    public long[] longs(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b)) {
            return null;
        }
        return ValueText.toLongs(this, vrs[i], b);
    }

    /** The first integer value of {@code tag}, or {@code def}. */
    public int getInt(int tag, int def) {
        long[] v = longs(tag);
        return v == null || v.length == 0 ? def : (int) v[0];
    }

    /** The value of the private creator element reserving {@code tag}'s block, or null. */
    public String privateCreatorOf(int tag) {
        if (!Tag.isPrivate(tag) || Tag.isPrivateCreator(tag) || Tag.isGroupLength(tag)) {
            return null;
        }
        String creator = string(Tag.privateCreatorOf(tag));
        return creator == null ? null : creator.strip();
    }

    static byte[] padded(byte[] b, VR vr) {
        if ((b.length & 1) == 0) {
            return b;
        }
        byte[] p = Arrays.copyOf(b, b.length + 1);
        p[b.length] = vr.paddingByte();
        return p;
    }

    private static String[] splitAscii(byte[] v) {
        String s = new String(v, java.nio.charset.StandardCharsets.US_ASCII);
        String[] parts = s.split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].strip();
        }
        return parts;
    }

    // ---------------------------------------------------------------- equality

    /** Deep equality of elements (tags, VRs, values); encoded lengths are ignored. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DataSet d) || d.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (tags[i] != d.tags[i] || vrs[i] != d.vrs[i] || !sameValue(values[i], d.values[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return a.equals(b);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + tags[i];
        }
        return h;
    }

    /** Tags of this data set in order. */
    public List<Integer> tags() {
        List<Integer> l = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            l.add(tags[i]);
        }
        return l;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DataSet{");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(Tag.toString(tags[i])).append(' ').append(vrs[i]);
        }
        return sb.append('}').toString();
    }
}
