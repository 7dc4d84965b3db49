package io.isengard.dicom.json;

/** The three shapes of Orthanc's tag dumps ({@code ?full}, {@code ?short}, {@code ?simplify}). */
public enum OrthancFormat {
    /** {@code "gggg,eeee": {"Name", ["PrivateCreator",] "Type", "Value"}}. */
    FULL,
    /** {@code "gggg,eeee": value}. */
    SHORT,
    /** {@code "TagName": value}; when names repeat, the last tag wins. */
    HUMAN
}
