package io.isengard.server.modalities;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import java.util.Locale;

/** Query/retrieve levels as the REST API names them and as DICOM's QueryRetrieveLevel (0008,0052) does. */
public final class QueryLevels {
    private QueryLevels() {}

    /** "Patient", "Studies", "image", ... (case-insensitive); anything else → error 3. */
    public static ResourceType parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "patient", "patients" -> ResourceType.PATIENT;
            case "study", "studies" -> ResourceType.STUDY;
            case "series" -> ResourceType.SERIES;
            case "instance", "instances", "image", "images" -> ResourceType.INSTANCE;
            default -> throw new OrthancException(ErrorCode.ParameterOutOfRange,
                    "Unknown resource type: \"" + text + "\"");
        };
    }

    /** The value of QueryRetrieveLevel for a level. */
    public static String dicom(ResourceType level) {
        return switch (level) {
            case PATIENT -> "PATIENT";
            case STUDY -> "STUDY";
            case SERIES -> "SERIES";
            case INSTANCE -> "IMAGE";
        };
    }

    /** The level of a QueryRetrieveLevel value, or null. */
    public static ResourceType ofDicom(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "PATIENT" -> ResourceType.PATIENT;
            case "STUDY" -> ResourceType.STUDY;
            case "SERIES" -> ResourceType.SERIES;
            case "IMAGE", "INSTANCE" -> ResourceType.INSTANCE;
            default -> null;
        };
    }
}
