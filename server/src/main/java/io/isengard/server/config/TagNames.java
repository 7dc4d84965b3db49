package io.isengard.server.config;

import io.isengard.dicom.Tag;
import io.isengard.dicom.dictionary.DictionaryEntry;
import io.isengard.dicom.dictionary.ElementDictionary;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;

/** Tags written in a configuration: {@code gggg,eeee}, {@code ggggeeee} or a dictionary keyword. */
public final class TagNames {
    private TagNames() {}

    /** The tag, from {@code gggg,eeee} or a keyword of the standard dictionary (the keys of Lua's query tables). */
    public static int parse(String text) {
        return parse(text, null);
    }

    /** The tag; the user dictionary, when given, is searched before the standard one. */
    static int parse(String text, UserDictionary user) {
        long t = Tag.parse(text);
        if (t >= 0) {
            return (int) t;
        }
        UserDictionary.Entry u = user == null ? null : user.lookup(text.strip());
        if (u != null) {
            return u.tag();
        }
        DictionaryEntry e = ElementDictionary.lookup(text.strip());
        if (e != null) {
            return e.tag();
        }
        throw new OrthancException(ErrorCode.UnknownDicomTag,
                "\"" + text + "\" is neither gggg,eeee nor the keyword of a known DICOM tag");
    }
}
