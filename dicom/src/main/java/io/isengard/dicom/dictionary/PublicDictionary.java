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

    /** Orders most specific first: the range holding fewer tags. */
    private record Repeating(TagRange range, long size, DictionaryEntry entry) implements Comparable<Repeating> {
        @Override
        public int compareTo(Repeating other) {
            return Long.compare(size, other.size);
        }
    }
    private static final Repeating[] NONE = {};

    private final TagTable<DictionaryEntry> exact;
    /** Repeating entries with a single element number, by that number: most of them. */
    private final TagTable<Repeating[]> repeatingByElement;
    /** Repeating entries whose element is a range ((0020,3100-31FF), private creators): a handful. */
    private final Repeating[] elementRanges;
    /** Every entry in dictionary order, for the keyword index. */
    private final DictionaryEntry[] all;

    private PublicDictionary(TagTable<DictionaryEntry> exact, TagTable<Repeating[]> repeatingByElement,
            Repeating[] elementRanges, DictionaryEntry[] all) {
        this.exact = exact;
        this.repeatingByElement = repeatingByElement;
        this.elementRanges = elementRanges;
        this.all = all;
    }

    static PublicDictionary load() {
        DictionaryResource resource = new DictionaryResource();
        Map<Integer, DictionaryEntry> exact = new HashMap<>(8192);
        Map<Integer, List<Repeating>> byElement = new HashMap<>();
        List<Repeating> elementRanges = new ArrayList<>();
        List<DictionaryEntry> all = new ArrayList<>(8192);
        for (String[] f : DictionaryResource.rows(RESOURCE, 5)) {
            TagRange range = TagRange.parse(f[0]);
            DictionaryEntry entry = new DictionaryEntry(range.firstTag(), f[2], resource.vrs(f[1]), f[3],
                    isRetired(f[4]), null);
            if (range.isSingleTag()) {
                exact.put(range.firstTag(), entry);
            } else {
                Repeating r = new Repeating(range, range.size(), entry);
                if (range.isSingleElement()) {
                    List<Repeating> same = byElement.get(range.elementLow());
                    if (same == null) {
                        byElement.put(range.elementLow(), same = new ArrayList<>());
                    }
                    same.add(r);
                } else {
                    elementRanges.add(r);
                }
            }
            all.add(entry);
        }
        Map<Integer, Repeating[]> byElementArrays = new HashMap<>();
        for (Map.Entry<Integer, List<Repeating>> e : byElement.entrySet()) {
            byElementArrays.put(e.getKey(), sorted(e.getValue()));
        }
        return new PublicDictionary(new TagTable<>(exact), new TagTable<>(byElementArrays), sorted(elementRanges),
                all.toArray(new DictionaryEntry[0]));
    }

    /** DCMTK's version column: "DICOM/retired" (or ".../RET") marks retired entries. */
    private static boolean isRetired(String version) {
        String last = version.substring(version.lastIndexOf('/') + 1);
        return last.equalsIgnoreCase("retired") || last.equalsIgnoreCase("ret");
    }

    /**
     * Entries by keyword, built apart from the tag tables because reading data
     * sets never needs it. A retired entry is found by its PS3.6 keyword too
     * ("CurveData" as well as DCMTK's "RETIRED_CurveData") unless that keyword
     * names another entry.
     */
    Map<String, DictionaryEntry> keywordIndex() {
        Map<String, DictionaryEntry> byKeyword = new HashMap<>(all.length * 2);
        for (DictionaryEntry e : all) {
            byKeyword.put(e.keyword(), e);
        }
        for (DictionaryEntry e : all) {
            if (e.keyword().startsWith(RETIRED_PREFIX)) {
                byKeyword.putIfAbsent(e.keyword().substring(RETIRED_PREFIX.length()), e);
            }
        }
        return Map.copyOf(byKeyword);
    }

    private static Repeating[] sorted(List<Repeating> list) {
        Repeating[] a = list.toArray(NONE);
        // Arrays.sort on objects is stable: dictionary order stays among equally specific entries.
        Arrays.sort(a);
        return a;
    }

    DictionaryEntry lookup(int tag) {
        DictionaryEntry e = exact.get(tag);
        if (e != null) {
            return e;
        }
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        Repeating[] sameElement = repeatingByElement.get(element);
        Repeating a = firstMatch(sameElement == null ? NONE : sameElement, group, element);
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

}
