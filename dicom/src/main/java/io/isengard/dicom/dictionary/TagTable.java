package io.isengard.dicom.dictionary;

import java.util.Arrays;

/**
 * An immutable map from {@code int} keys (tags) to {@code int} values (row
 * numbers), with open addressing, so that looking a tag up neither boxes it
 * nor chases list nodes: the dictionary is consulted for every element the
 * codec reads.
 */
final class TagTable {
    static final int ABSENT = -1;

    private final int[] keys;
    private final int[] values;
    private final int shift;

    /** The first {@code count} pairs; a later duplicate key replaces an earlier one. */
    TagTable(int[] keys, int[] values, int count) {
        int bits = 1;
        while ((1 << bits) < count * 2) {
            bits++;
        }
        this.keys = new int[1 << bits];
        this.values = new int[1 << bits];
        Arrays.fill(this.values, ABSENT);
        this.shift = 32 - bits;
        for (int n = 0; n < count; n++) {
            int i = slot(keys[n]);
            while (this.values[i] != ABSENT && this.keys[i] != keys[n]) {
                i = (i + 1) & (this.keys.length - 1);
            }
            this.keys[i] = keys[n];
            this.values[i] = values[n];
        }
    }

    /** The value for {@code key}, or {@link #ABSENT}. */
    int get(int key) {
        for (int i = slot(key); values[i] != ABSENT; i = (i + 1) & (keys.length - 1)) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return ABSENT;
    }

    /** Fibonacci hashing: tags differ mostly in their low bits, which multiplication spreads upwards. */
    private int slot(int key) {
        return (key * 0x9E3779B9) >>> shift;
    }
}
