package io.isengard.dicom.charset;

import io.isengard.dicom.VR;
import java.util.List;

/** A Specific Character Set with ISO 2022 code extensions, or several values. */
final class Iso2022Codec implements TextCodec {
    private final Iso2022Decoder decoder;
    private final Iso2022Encoder encoder;

    Iso2022Codec(CodeElement initialG0, CodeElement initialG1, List<CodeElement> declared) {
        this.decoder = new Iso2022Decoder(initialG0, initialG1);
        this.encoder = new Iso2022Encoder(initialG0, initialG1, declared);
    }

    @Override
    public String decode(byte[] bytes, int offset, int length, VR vr) {
        return decoder.decode(bytes, offset, length, vr);
    }

    @Override
    public byte[] encode(String text, VR vr) {
        return encoder.encode(text, vr);
    }
}
