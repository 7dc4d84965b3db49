package io.isengard.dicom.dictionary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The private dictionaries, from {@code private.tsv} (DCMTK's private.dic),
 * keyed by private creator.
 *
 * <p>Like DCMTK, an entry written with a two-digit element ({@code (0029,"SIEMENS
 * CSA HEADER",10)}) applies to whichever block the creator reserved, so it
 * matches on {@code tag & 0xFF}; one written with four digits
 * ({@code (0025,"CMR42 CIRCLECVI",1010)}) matches that element only. An
 * entry's tag is the one the dictionary gives, block byte 0x10 for the
 * two-digit form: (0029,1010) above.
 */
final class PrivateDictionary {
    static final String RESOURCE = "private.tsv";
    private static final int COLUMNS = 6; // group, creator, element, vrs, keyword, vm

    /**
     * The entries of one private creator: rows by (group, element) as DCMTK keys
     * them, element 00ee for the two-digit form and eeee for the four-digit one;
     * entries for ranges of groups apart.
     */
    private record Creator(TagTable rows, Ranged[] groupRanges) {}

    /**
     * An entry for a range of groups, e.g. {@code (6001-o-60ff,"PAPYRUS 3.0",10)};
     * {@code element} as in {@link Creator}: 00ee or eeee.
     */
    private record Ranged(TagRange.Span groups, int element, DictionaryEntry entry) {
        boolean matches(int group, int dataElement) {
            // A data element is >= 1000, so only the four-digit form can equal it, only the two-digit its offset.
            return groups.contains(group) && (element == dataElement || element == (dataElement & 0xFF));
        }
    }

    /** Collects one creator's rows while loading. */
    private static final class CreatorRows {
        int[] keys = new int[16];
        int[] rows = new int[16];
        int count;
        final List<Ranged> ranged = new ArrayList<>();

        void add(int key, int row) {
            if (count == keys.length) {
                keys = Arrays.copyOf(keys, count * 2);
                rows = Arrays.copyOf(rows, count * 2);
            }
            keys[count] = key;
            rows[count++] = row;
        }

        Creator build() {
            return new Creator(new TagTable(keys, rows, count), ranged.toArray(new Ranged[0]));
        }
    }

    private final DictionaryText text;
    private final Map<String, Creator> byCreator;
    /** The entries of the rows asked for so far. */
    private final DictionaryEntry[] entries;

    private PrivateDictionary(DictionaryText text, Map<String, Creator> byCreator, DictionaryEntry[] entries) {
        this.text = text;
        this.byCreator = byCreator;
        this.entries = entries;
    }

    static PrivateDictionary load() {
        DictionaryText text = DictionaryText.read(RESOURCE);
        DictionaryEntry[] entries = new DictionaryEntry[text.rows()];
        Map<String, CreatorRows> creators = new HashMap<>();
        String creator = null;
        CreatorRows current = null;
        for (int row = 0; row < entries.length; row++) {
            int start = text.start(row);
            int groupEnd = text.tabAfter(start);
            int creatorEnd = text.tabAfter(groupEnd + 1);
            // Rows come sorted by creator: most repeat the previous row's, which spares a substring and a map lookup.
            if (creator == null || creatorEnd - groupEnd - 1 != creator.length() || !text.regionEquals(groupEnd + 1, creator)) {
                creator = text.substring(groupEnd + 1, creatorEnd);
                current = creators.get(creator);
                if (current == null) {
                    creators.put(creator, current = new CreatorRows());
                }
            }
            int element = text.hex(creatorEnd + 1, text.tabAfter(creatorEnd + 1) - creatorEnd - 1);
            if (groupEnd == start + 4) {
                current.add((text.hex(start, 4) << 16) | element, row);
            } else {
                DictionaryEntry entry = parse(text, row);
                entries[row] = entry;
                current.ranged.add(new Ranged(TagRange.Span.parse(text.substring(start, groupEnd)), element, entry));
            }
        }
        Map<String, Creator> byCreator = new HashMap<>(creators.size() * 2);
        for (Map.Entry<String, CreatorRows> e : creators.entrySet()) {
            byCreator.put(e.getKey(), e.getValue().build());
        }
        return new PrivateDictionary(text, byCreator, entries);
    }

    private static DictionaryEntry parse(DictionaryText text, int row) {
        String[] f = text.fields(row, COLUMNS);
        int group = TagRange.Span.parse(f[0]).low();
        int element = Integer.parseInt(f[2], 16);
        int tag = (group << 16) | (f[2].length() == 2 ? 0x1000 | element : element);
        return new DictionaryEntry(tag, f[4], VrList.parse(f[3]), f[5], false, f[1]);
    }

    /** As in PublicDictionary: made on first use; racing threads make equal entries, safely published. */
    private DictionaryEntry entry(int row) {
        DictionaryEntry e = entries[row];
        if (e == null) {
            e = parse(text, row);
            entries[row] = e;
        }
        return e;
    }

    DictionaryEntry lookup(String creator, int tag) {
        if (creator == null || (tag & 0xFF00) < 0x1000) {
            return null; // (gggg,0000-0FFF) holds group lengths and creators, not private data
        }
        Creator c = byCreator.get(Padding.strip(creator));
        if (c == null) {
            return null;
        }
        int row = c.rows().get(tag);
        if (row == TagTable.ABSENT) {
            row = c.rows().get(tag & 0xFFFF00FF);
        }
        if (row != TagTable.ABSENT) {
            return entry(row);
        }
        for (Ranged r : c.groupRanges()) {
            if (r.matches(tag >>> 16, tag & 0xFFFF)) {
                return r.entry();
            }
        }
        return null;
    }
}
