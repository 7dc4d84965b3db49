package io.isengard.server.modalities;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The "Manufacturer" of a modality: quirks of its C-FIND/C-MOVE SCP that Orthanc works around (§1.3). */
public enum Manufacturer {
    Generic,
    GenericNoWildcardInDates,
    GenericNoUniversalWildcard,
    Vitrea,
    GE;

    private static final Logger LOG = LoggerFactory.getLogger(Manufacturer.class);

    /** Case-sensitive, as Orthanc; obsolete names are still accepted with a warning. */
    public static Manufacturer parse(String name) {
        for (Manufacturer m : values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        Manufacturer replacement = switch (name) {
            case "AgfaImpax", "SyngoVia" -> GenericNoWildcardInDates;
            case "EFilm2", "MedInria", "ClearCanvas", "Dcm4Chee" -> Generic;
            default -> throw new OrthancException(ErrorCode.ParameterOutOfRange,
                    "Unknown modality manufacturer: \"" + name + "\"");
        };
        LOG.warn("The \"{}\" manufacturer is obsolete, using \"{}\" instead", name, replacement);
        return replacement;
    }
}
