package io.isengard.dicom.dictionary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** The entries of one private creator. */
    private record Creator(TagTable<DictionaryEntry> byTag, List<Ranged> groupRanges) {}

    /** An entry for a range of groups, e.g. {@code (6001-o-60ff,"PAPYRUS 3.0",10)}. */
    private record Ranged(TagRange range, DictionaryEntry entry) {}

    private final Map<String, Creator> byCreator;

    private PrivateDictionary(Map<String, Creator> byCreator) {
        this.byCreator = byCreator;
    }

    static PrivateDictionary load() {
        DictionaryResource resource = new DictionaryResource();
        Map<String, Map<Integer, DictionaryEntry>> tags = new HashMap<>();
        Map<String, List<Ranged>> ranged = new HashMap<>();
        for (String[] f : DictionaryResource.rows(RESOURCE, 6)) {
            String creator = f[1];
            int element = Integer.parseInt(f[2], 16);
            // Keyed as DCMTK keys it: the flexible form under element 00ee, the fixed form under eeee (>= 1000).
            TagRange range = TagRange.parse(f[0] + "," + (f[2].length() == 2 ? "00" + f[2] : f[2]));
            int entryElement = f[2].length() == 2 ? 0x1000 | element : element;
            DictionaryEntry entry = new DictionaryEntry((range.groupLow() << 16) | entryElement, f[4],
                    resource.vrs(f[3]), f[5], false, creator);
            if (range.isSingleTag()) {
                Map<Integer, DictionaryEntry> own = tags.get(creator);
                if (own == null) {
                    tags.put(creator, own = new HashMap<>());
                }
                own.put(range.firstTag(), entry);
            } else {
                List<Ranged> own = ranged.get(creator);
                if (own == null) {
                    ranged.put(creator, own = new ArrayList<>());
                }
                own.add(new Ranged(range, entry));
            }
        }
        Set<String> creators = new HashSet<>(tags.keySet());
        creators.addAll(ranged.keySet());
        Map<String, Creator> byCreator = new HashMap<>();
        for (String creator : creators) {
            byCreator.put(creator, new Creator(new TagTable<>(tags.getOrDefault(creator, Map.of())),
                    List.copyOf(ranged.getOrDefault(creator, List.of()))));
        }
        return new PrivateDictionary(byCreator);
    }

    DictionaryEntry lookup(String creator, int tag) {
        if (creator == null || (tag & 0xFF00) < 0x1000) {
            return null; // (gggg,0000-0FFF) holds group lengths and creators, not private data
        }
        Creator c = byCreator.get(Padding.strip(creator));
        if (c == null) {
            return null;
        }
        DictionaryEntry e = c.byTag().get(tag);
        if (e == null) {
            e = c.byTag().get(tag & 0xFFFF00FF);
        }
        if (e != null) {
            return e;
        }
        int group = tag >>> 16;
        for (Ranged r : c.groupRanges()) {
            if (r.range().matches(group, tag & 0xFFFF) || r.range().matches(group, tag & 0xFF)) {
                return r.entry();
            }
        }
        return null;
    }
}
