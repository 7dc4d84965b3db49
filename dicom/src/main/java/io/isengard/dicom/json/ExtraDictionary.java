package io.isengard.dicom.json;

import io.isengard.dicom.dictionary.DictionaryEntry;

/**
 * Tags declared outside the built-in dictionary, consulted before it: the
 * server's configuration option {@code Dictionary} (see {@link UserDictionary}).
 * An entry gives the name shown in Orthanc's formats and, for values that were
 * read without a known VR (UN), the VR to decode them with.
 */
@FunctionalInterface
public interface ExtraDictionary {
    /** Declares nothing. */
    ExtraDictionary NONE = (tag, creator) -> null;

    /**
     * The entry for {@code tag}, or null if this dictionary does not declare it.
     *
     * @param privateCreator the creator reserving the block of a private tag, else null
     */
    DictionaryEntry lookup(int tag, String privateCreator);
}
