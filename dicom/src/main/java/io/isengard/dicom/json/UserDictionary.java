package io.isengard.dicom.json;

import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.dictionary.DictionaryEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags a user declares, like Orthanc's {@code "Dictionary"} option
 * ({@code "00e1,10c2": ["UI", "PET-CT Multi Modality Name", 1, 1, "ELSCINT1"]}).
 *
 * <p>A private entry names the full tag, so it is bound to the block its
 * creator reserved there, as in DCMTK; an entry given as {@code gggg,00ee}
 * (block-relative) matches the creator in any block.
 */
public final class UserDictionary implements ExtraDictionary {
    private record Key(int tag, String creator) {}

    private final Map<Key, DictionaryEntry> entries = new HashMap<>();

    /** Declares a tag; {@code privateCreator} is null for public tags. */
    public UserDictionary add(int tag, VR vr, String name, String vm, String privateCreator) {
        String creator = privateCreator == null || privateCreator.isEmpty() ? null : privateCreator;
        entries.put(new Key(tag, creator), new DictionaryEntry(tag, name, List.of(vr), vm, false, creator));
        return this;
    }

    /** Declares a tag with value multiplicity 1. */
    public UserDictionary add(int tag, VR vr, String name, String privateCreator) {
        return add(tag, vr, name, "1", privateCreator);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public DictionaryEntry lookup(int tag, String privateCreator) {
        DictionaryEntry e = entries.get(new Key(tag, privateCreator));
        if (e == null && privateCreator != null && Tag.isPrivate(tag)) {
            e = entries.get(new Key(tag & 0xFFFF00FF, privateCreator));
        }
        return e;
    }
}
