package io.isengard.dicom.json;

import io.isengard.dicom.VR;
import java.util.Objects;

/**
 * Decides, for each binary value (OB, OD, OF, OL, OV, OW, UN, encapsulated
 * pixel data) of a DICOM JSON document, whether it is written inline
 * ({@code "InlineBinary"}, base64), as a reference ({@code "BulkDataURI"}) or
 * not at all. The caller knows where its bulk data can be fetched from.
 */
@FunctionalInterface
public interface BulkDataPolicy {
    /** Everything inline. */
    BulkDataPolicy INLINE = (path, tag, vr, length) -> Decision.INLINE;

    /**
     * @param path the element's place in the data set, e.g. {@code 7FE00010} or
     *     {@code 00081140/1/00091001} (tags in upper-case hex, item indices from 0)
     * @param tag the element's tag
     * @param vr its VR
     * @param length the value's length in bytes (for fragments, the sum of theirs)
     */
    Decision decide(String path, int tag, VR vr, long length);

    /** What to do with one binary value. */
    record Decision(Kind kind, String uri) {
        public enum Kind { INLINE, BULK_DATA_URI, OMIT }

        public static final Decision INLINE = new Decision(Kind.INLINE, null);
        public static final Decision OMIT = new Decision(Kind.OMIT, null);

        public Decision {
            Objects.requireNonNull(kind, "kind");
            if ((kind == Kind.BULK_DATA_URI) != (uri != null)) {
                throw new IllegalArgumentException("a URI goes with BULK_DATA_URI only");
            }
        }

        public static Decision uri(String uri) {
            return new Decision(Kind.BULK_DATA_URI, Objects.requireNonNull(uri, "uri"));
        }
    }
}
