package io.isengard.dicom;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The value of an SQ element: items, each a {@link DataSet} whose parent is
 * the data set holding the sequence (so that items inherit its Specific
 * Character Set).
 */
public final class Sequence implements Iterable<DataSet> {
    /** Marks a sequence or item that was read with undefined length. */
    public static final long UNDEFINED_LENGTH = -1;

    private final DataSet parent;
    private final List<DataSet> items = new ArrayList<>();
    private long encodedLength = UNDEFINED_LENGTH;

    public Sequence(DataSet parent) {
        this.parent = parent;
    }

    public DataSet parent() {
        return parent;
    }

    /** Appends a new empty item and returns it. */
    public DataSet addItem() {
        DataSet item = new DataSet(parent);
        items.add(item);
        return item;
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public DataSet get(int index) {
        return items.get(index);
    }

    public List<DataSet> items() {
        return java.util.Collections.unmodifiableList(items);
    }

    @Override
    public Iterator<DataSet> iterator() {
        return items().iterator();
    }

    /** The length this sequence had where it was read, or {@link #UNDEFINED_LENGTH}. */
    public long encodedLength() {
        return encodedLength;
    }

    public void setEncodedLength(long encodedLength) {
        this.encodedLength = encodedLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sequence s && items.equals(s.items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return "Sequence" + items;
    }
}
