package io.isengard.dicom.charset;

import io.isengard.dicom.VR;
import java.nio.charset.Charset;

/**
 * Values in a single JDK charset, without code extensions: the default
 * repertoire, the ISO_IR single-byte sets, UTF-8, GB18030 and GBK. The JDK's
 * String constructors are the fast path here (intrinsics for Latin-1 and UTF-8,
 * array decoders for single-byte sets), already replace bad input with U+FFFD
 * and unencodable characters with '?', and are thread-safe.
 */
final class CharsetCodec implements TextCodec {
    private final Charset decodeAs;
    private final Charset encodeAs;

    CharsetCodec(Charset decodeAs, Charset encodeAs) {
        this.decodeAs = decodeAs;
        this.encodeAs = encodeAs;
    }

    @Override
    public String decode(byte[] bytes, int offset, int length, VR vr) {
        return new String(bytes, offset, length, decodeAs);
    }

    @Override
    public byte[] encode(String text, VR vr) {
        return text.getBytes(encodeAs);
    }
}
