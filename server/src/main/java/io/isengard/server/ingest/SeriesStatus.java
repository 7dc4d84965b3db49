package io.isengard.server.ingest;

import java.util.BitSet;
import java.util.Collection;

/** A series' completeness, computed from its instances' IndexInSeries (resources.md §3). */
public enum SeriesStatus {
    Unknown, Missing, Complete, Inconsistent;

    /**
     * @param expected the ExpectedNumberOfInstances metadata, or null
     * @param indices IndexInSeries of the instances (null for an instance without one)
     */
    public static SeriesStatus of(String expected, Collection<String> indices) {
        long n;
        try {
            n = expected == null ? -1 : Long.parseLong(expected.strip());
        } catch (NumberFormatException e) {
            return Unknown;
        }
        if (n <= 0 || n > Integer.MAX_VALUE) {
            return Unknown;
        }
        BitSet seen = new BitSet();
        for (String s : indices) {
            long i;
            try {
                i = s == null ? -1 : Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return Unknown;
            }
            if (i <= 0 || i > n || seen.get((int) i)) {
                return Inconsistent;
            }
            seen.set((int) i);
        }
        return seen.cardinality() == n ? Complete : Missing;
    }
}
