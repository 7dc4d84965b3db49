package io.isengard.dicom.charset;

import io.isengard.dicom.VR;

/** Turns the bytes of a text value into Unicode and back, for one Specific Character Set. */
interface TextCodec {
    /** Never throws: bytes without a mapping become U+FFFD. */
    String decode(byte[] bytes, int offset, int length, VR vr);

    /** Never throws: characters the character set cannot hold become '?'. */
    byte[] encode(String text, VR vr);
}
