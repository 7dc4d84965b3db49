package io.isengard.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Encapsulated pixel data (PS3.5 §A.4): the Basic Offset Table item (empty
 * if absent) followed by the fragments. Each entry is a {@code byte[]} or a
 * {@link BulkData} reference.
 */
public final class Fragments {
    private final List<Object> items = new ArrayList<>();

    /** Appends an item: the first is the Basic Offset Table, the others fragments. */
    public void add(Object item) {
        if (!(item instanceof byte[]) && !(item instanceof BulkData)) {
            throw new IllegalArgumentException("a fragment is byte[] or BulkData, not " + item);
        }
        items.add(item);
    }

    /** All items, Basic Offset Table first. */
    public List<Object> items() {
        return Collections.unmodifiableList(items);
    }

    public int size() {
        return items.size();
    }

    /** Length in bytes of item {@code index}. */
    public long length(int index) {
        Object item = items.get(index);
        return item instanceof byte[] b ? b.length : ((BulkData) item).length();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Fragments f) || f.items.size() != items.size()) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            Object a = items.get(i);
            Object b = f.items.get(i);
            boolean same = a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y) : a.equals(b);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return items.size();
    }

    @Override
    public String toString() {
        return "Fragments[" + items.size() + "]";
    }
}
