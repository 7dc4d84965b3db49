package io.isengard.server.config;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.Locale;

/**
 * Orthanc's names of character encodings (option DefaultEncoding, route
 * /tools/default-encoding), with the Specific Character Set defined term
 * each stands for.
 */
public enum DefaultEncoding {
    Ascii("ISO_IR 6"), Utf8("ISO_IR 192"), Latin1("ISO_IR 100"), Latin2("ISO_IR 101"), Latin3("ISO_IR 109"),
    Latin4("ISO_IR 110"), Latin5("ISO_IR 148"), Cyrillic("ISO_IR 144"),
    /** Not a DICOM character set: files in it carry no Specific Character Set. */
    Windows1251(null),
    Arabic("ISO_IR 127"), Greek("ISO_IR 126"), Hebrew("ISO_IR 138"), Thai("ISO_IR 166"), Japanese("ISO_IR 13"),
    Chinese("GB18030"), JapaneseKanji("ISO 2022 IR 87"), Korean("ISO 2022 IR 149"),
    SimplifiedChinese("ISO 2022 IR 58");

    private final String definedTerm;

    DefaultEncoding(String definedTerm) {
        this.definedTerm = definedTerm;
    }

    /** The Specific Character Set (0008,0005) defined term, or null when DICOM has none. */
    public String definedTerm() {
        return definedTerm;
    }

    /** Parses a name case-insensitively, as Orthanc does. */
    public static DefaultEncoding parse(String name) {
        for (DefaultEncoding e : values()) {
            if (e.name().toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new OrthancException(ErrorCode.ParameterOutOfRange, "Unknown encoding \"" + name + "\", expected one of "
                + java.util.Arrays.toString(values()));
    }
}
