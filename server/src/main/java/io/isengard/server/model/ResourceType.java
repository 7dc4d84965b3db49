package io.isengard.server.model;

import java.util.Locale;

/** The four levels of Orthanc's resource hierarchy, parent to child. */
public enum ResourceType {
    PATIENT(1, "Patient", "patients"),
    STUDY(2, "Study", "studies"),
    SERIES(3, "Series", "series"),
    INSTANCE(4, "Instance", "instances");

    private final int code;
    private final String label;
    private final String uriSegment;

    ResourceType(int code, String label, String uriSegment) {
        this.code = code;
        this.label = label;
        this.uriSegment = uriSegment;
    }

    /** The number Orthanc's database uses (1 = Patient ... 4 = Instance). */
    public int code() {
        return code;
    }

    /** "Patient", "Study", "Series" or "Instance", as in JSON answers. */
    public String label() {
        return label;
    }

    /** "patients", "studies", "series" or "instances", as in URIs. */
    public String uriSegment() {
        return uriSegment;
    }

    /** The REST path of a resource of this level: {@code /studies/<id>}. */
    public String path(String publicId) {
        return "/" + uriSegment + "/" + publicId;
    }

    public ResourceType parent() {
        return this == PATIENT ? null : values()[ordinal() - 1];
    }

    public ResourceType child() {
        return this == INSTANCE ? null : values()[ordinal() + 1];
    }

    public static ResourceType ofCode(int code) {
        return values()[code - 1];
    }

    /** Parses a level name case-insensitively ("patient", "Study", "SERIES", "instances"...), or null. */
    public static ResourceType parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (ResourceType r : values()) {
            if (t.equals(r.label.toLowerCase(Locale.ROOT)) || t.equals(r.uriSegment)) {
                return r;
            }
        }
        return null;
    }

    /** The level of a URI segment ("patients" ...), or null. */
    public static ResourceType ofUriSegment(String segment) {
        for (ResourceType r : values()) {
            if (r.uriSegment.equals(segment)) {
                return r;
            }
        }
        return null;
    }
}
