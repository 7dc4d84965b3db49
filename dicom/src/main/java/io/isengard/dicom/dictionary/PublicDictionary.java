package io.isengard.dicom.dictionary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The public (PS3.6) part of the dictionary, from {@code elements.tsv}: single
 * tags in a hash table, repeating entries (50xx, 60xx, 7Fxx groups, (0020,31xx),
 * group lengths, private creators) in short lists ordered most specific first.
 */
final class PublicDictionary {
    static final String RESOURCE = "elements.tsv";
    /** DCMTK spells retired keywords RETIRED_Name; PS3.6 spells them Name. */
    static final String RETIRED_PREFIX = "RETIRED_";
    private static final int COLUMNS = 5; // tag, vrs, keyword, vm, version
    private static final Repeating[] NONE = {};

    /** Orders most specific first: the range holding fewer tags. */
    private record Repeating(TagRange range, long size, DictionaryEntry entry) implements Comparable<Repeating> {
        @Override
        public int compareTo(Repeating other) {
            return Long.compare(size, other.size);
        }
    }

    private final DictionaryText text;
    /** Single tags to their row. */
    private final TagTable exact;
    /** Repeating entries with a single element number (most of them), by that number: an index into byElement. */
    private final TagTable repeatingByElement;
    private final Repeating[][] byElement;
    /** Repeating entries whose element is a range ((0020,3100-31FF), private creators): a handful. */
    private final Repeating[] elementRanges;
    /** The entries of the rows asked for so far. */
    private final DictionaryEntry[] entries;

    private PublicDictionary(DictionaryText text, TagTable exact, TagTable repeatingByElement,
            Repeating[][] byElement, Repeating[] elementRanges, DictionaryEntry[] entries) {
        this.text = text;
        this.exact = exact;
        this.repeatingByElement = repeatingByElement;
        this.byElement = byElement;
        this.elementRanges = elementRanges;
        this.entries = entries;
    }

    static PublicDictionary load() {
        DictionaryText text = DictionaryText.read(RESOURCE);
        int rows = text.rows();
        DictionaryEntry[] entries = new DictionaryEntry[rows];
        int[] tags = new int[rows];
        int[] tagRows = new int[rows];
        int exactCount = 0;
        Map<Integer, List<Repeating>> repeating = new HashMap<>();
        List<Repeating> elementRanges = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            int start = text.start(row);
            if (text.tabAfter(start) == start + 9) { // gggg,eeee
                tags[exactCount] = (text.hex(start, 4) << 16) | text.hex(start + 5, 4);
                tagRows[exactCount++] = row;
                continue;
            }
            DictionaryEntry entry = parse(text, row);
            entries[row] = entry;
            TagRange range = TagRange.parse(text.substring(start, text.tabAfter(start)));
            Repeating r = new Repeating(range, range.size(), entry);
            if (range.element().isSingle()) {
                List<Repeating> same = repeating.get(range.element().low());
                if (same == null) {
                    repeating.put(range.element().low(), same = new ArrayList<>());
                }
                same.add(r);
            } else {
                elementRanges.add(r);
            }
        }
        int[] elements = new int[repeating.size()];
        int[] indexes = new int[repeating.size()];
        Repeating[][] byElement = new Repeating[repeating.size()][];
        int i = 0;
        for (Map.Entry<Integer, List<Repeating>> e : repeating.entrySet()) {
            elements[i] = e.getKey();
            indexes[i] = i;
            byElement[i++] = sorted(e.getValue());
        }
        return new PublicDictionary(text, new TagTable(tags, tagRows, exactCount),
                new TagTable(elements, indexes, elements.length), byElement, sorted(elementRanges), entries);
    }

    private static Repeating[] sorted(List<Repeating> list) {
        Repeating[] a = list.toArray(NONE);
        // Arrays.sort on objects is stable: dictionary order stays among equally specific entries.
        Arrays.sort(a);
        return a;
    }

    private static DictionaryEntry parse(DictionaryText text, int row) {
        String[] f = text.fields(row, COLUMNS);
        return new DictionaryEntry(TagRange.parse(f[0]).firstTag(), f[2], VrList.parse(f[1]), f[3], isRetired(f[4]),
                null);
    }

    /** DCMTK's version column: "DICOM/retired" (or ".../RET") marks retired entries. */
    private static boolean isRetired(String version) {
        String last = version.substring(version.lastIndexOf('/') + 1);
        return last.equalsIgnoreCase("retired") || last.equalsIgnoreCase("ret");
    }

    /**
     * The entry of a row, made the first time it is asked for. Threads racing
     * here may each make one; they are equal, and a record's final fields make
     * publishing it through the plain array safe.
     */
    private DictionaryEntry entry(int row) {
        DictionaryEntry e = entries[row];
        if (e == null) {
            e = parse(text, row);
            entries[row] = e;
        }
        return e;
    }

    DictionaryEntry lookup(int tag) {
        int row = exact.get(tag);
        if (row != TagTable.ABSENT) {
            return entry(row);
        }
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        int index = repeatingByElement.get(element);
        Repeating a = firstMatch(index == TagTable.ABSENT ? NONE : byElement[index], group, element);
        Repeating b = firstMatch(elementRanges, group, element);
        if (a == null || b == null) {
            return a != null ? a.entry() : b != null ? b.entry() : null;
        }
        return (a.size() <= b.size() ? a : b).entry();
    }

    private static Repeating firstMatch(Repeating[] candidates, int group, int element) {
        for (Repeating r : candidates) {
            if (r.range().matches(group, element)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Entries by keyword, built apart from the tag tables because reading data
     * sets never needs it. A retired entry is found by its PS3.6 keyword too
     * ("CurveData" as well as DCMTK's "RETIRED_CurveData") unless that keyword
     * names another entry.
     */
    Map<String, DictionaryEntry> keywordIndex() {
        Map<String, DictionaryEntry> byKeyword = new HashMap<>(entries.length * 3);
        for (int row = 0; row < entries.length; row++) {
            DictionaryEntry e = entry(row);
            byKeyword.put(e.keyword(), e);
        }
        for (int row = 0; row < entries.length; row++) {
            DictionaryEntry e = entry(row);
            if (e.keyword().startsWith(RETIRED_PREFIX)) {
                byKeyword.putIfAbsent(e.keyword().substring(RETIRED_PREFIX.length()), e);
            }
        }
        return Map.copyOf(byKeyword);
    }
}
