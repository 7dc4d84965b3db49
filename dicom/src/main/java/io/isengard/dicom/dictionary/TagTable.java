package io.isengard.dicom.dictionary;

import java.util.Map;

/**
 * An immutable map from {@code int} keys (tags) to values, with open addressing,
 * so that looking a tag up neither boxes it nor chases list nodes: the
 * dictionary is consulted for every element the codec reads.
 */
final class TagTable<V> {
    private final int[] keys;
    private final Object[] values;
    private final int shift;

    TagTable(Map<Integer, V> entries) {
        int bits = 1;
        while ((1 << bits) < entries.size() * 2) {
            bits++;
        }
        keys = new int[1 << bits];
        values = new Object[1 << bits];
        shift = 32 - bits;
        for (Map.Entry<Integer, V> e : entries.entrySet()) {
            int i = slot(e.getKey());
            while (values[i] != null) {
                i = (i + 1) & (keys.length - 1);
            }
            keys[i] = e.getKey();
            values[i] = e.getValue();
        }
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
        for (int i = slot(key); values[i] != null; i = (i + 1) & (keys.length - 1)) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    /** Fibonacci hashing: tags differ mostly in their low bits, which multiplication spreads upwards. */
    private int slot(int key) {
        return (key * 0x9E3779B9) >>> shift;
    }
}
