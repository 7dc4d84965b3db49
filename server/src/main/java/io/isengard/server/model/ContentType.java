package io.isengard.server.model;

/** Attachment types (resources.md §9); user-defined ones are 1024-65535. */
public enum ContentType {
    Dicom(1, "dicom", "application/dicom"),
    DicomAsJson(2, "dicom-as-json", "application/json; charset=utf-8"),
    DicomUntilPixelData(3, "dicom-until-pixel-data", "application/dicom");

    public static final int FIRST_USER = 1024;
    public static final int LAST_USER = 65535;

    private final int code;
    private final String symbol;
    private final String mime;

    ContentType(int code, String symbol, String mime) {
        this.code = code;
        this.symbol = symbol;
        this.mime = mime;
    }

    public int code() {
        return code;
    }

    /** The name used in URIs, e.g. "dicom". */
    public String symbol() {
        return symbol;
    }

    public String mime() {
        return mime;
    }

    public static ContentType ofCode(int code) {
        for (ContentType c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
