package io.isengard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.dicom.VR;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import org.junit.jupiter.api.Test;

class UserDictionaryTest {
    private static UserDictionary dictionary(String section) {
        return Configs.core("{ \"Dictionary\" : " + section + " }").dictionary();
    }

    private static void fails(String section, ErrorCode code, String messagePart) {
        assertThatThrownBy(() -> dictionary(section)).isInstanceOfSatisfying(OrthancException.class, e -> {
            assertThat(e.error()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void entriesOfOrthancsSample() {
        UserDictionary d = dictionary("""
                {
                  "0014,1020" : [ "DA", "ValidationExpiryDate", 1, 1 ],
                  "00e1,10c2" : [ "UI", "PET-CT Multi Modality Name", 1, 1, "ELSCINT1" ],
                  "00e1,00c3" : [ "LO", "Relative", 1, 1, "ELSCINT1" ],
                  "7053,1003" : [ "ST", "Original Image Filename", 1, 1, "Philips PET Private Group" ],
                  "2001,5f" : [ "SQ", "StackSequence", 1, 1, "Philips Imaging DD 001" ]
                }""");
        assertThat(d.entries()).hasSize(5);
        UserDictionary.Entry date = d.lookup(0x00141020);
        assertThat(date).isEqualTo(new UserDictionary.Entry(0x00141020, VR.DA, "ValidationExpiryDate", 1, 1, null));
        assertThat(d.lookup("ValidationExpiryDate")).isSameAs(date);
        // A private entry written with its block is bound to it; block-relative ones match any block.
        assertThat(d.lookupPrivate("ELSCINT1", 0x00e110c2).name()).isEqualTo("PET-CT Multi Modality Name");
        assertThat(d.lookupPrivate("ELSCINT1", 0x00e111c2)).isNull();
        assertThat(d.lookupPrivate("ELSCINT1", 0x00e110c3).name()).isEqualTo("Relative");
        assertThat(d.lookupPrivate("ELSCINT1", 0x00e142c3).name()).isEqualTo("Relative");
        assertThat(d.lookupPrivate("OTHER", 0x00e110c2)).isNull();
        assertThat(d.lookupPrivate("Philips Imaging DD 001", 0x2001105f).vr()).isEqualTo(VR.SQ);
        assertThat(d.lookupPrivate("Philips Imaging DD 001", 0x2001115f).vr()).isEqualTo(VR.SQ);
        assertThat(d.lookup(0x00e110c2)).isNull();
    }

    @Test
    void servesTheDicomJsonFormats() {
        io.isengard.dicom.json.UserDictionary d = dictionary("{ \"0014,1020\" : [ \"DA\", \"ValidationExpiryDate\" ],"
                + " \"00e1,c2\" : [ \"UI\", \"Multi\", 1, 0, \"ELSCINT1\" ] }").toDicomDictionary();
        assertThat(d.lookup(0x00141020, null).keyword()).isEqualTo("ValidationExpiryDate");
        assertThat(d.lookup(0x00e111c2, "ELSCINT1").vm()).isEqualTo("1-n");
        assertThat(d.lookup(0x00e111c2, "OTHER")).isNull();
    }

    @Test
    void multiplicities() {
        UserDictionary d = dictionary("{ \"0011,0010\" : [ \"LO\", \"A\" ], \"0011,0011\" : [ \"DS\", \"B\", 2, 0 ],"
                + " \"0011,0012\" : [ \"DS\", \"C\", 1, 3 ], \"0011,0013\" : [ \"DS\", \"D\", 2, 2 ] }");
        assertThat(d.lookup("A").vm()).isEqualTo("1");
        assertThat(d.lookup("B").vm()).isEqualTo("2-n");
        assertThat(d.lookup("C").vm()).isEqualTo("1-3");
        assertThat(d.lookup("D").vm()).isEqualTo("2");
    }

    @Test
    void badMultiplicities() {
        fails("{ \"0011,0010\" : [ \"LO\", \"A\", 0, 1 ] }", ErrorCode.ParameterOutOfRange, "at least 1");
        fails("{ \"0011,0010\" : [ \"LO\", \"A\", 3, 2 ] }", ErrorCode.ParameterOutOfRange,
                "must be 0 (unbounded) or at least the minimum 3");
        // The maximum defaults to 1, so a minimum alone above 1 is out of range.
        fails("{ \"0011,0010\" : [ \"LO\", \"A\", 3 ] }", ErrorCode.ParameterOutOfRange,
                "must be 0 (unbounded) or at least the minimum 3");
    }

    @Test
    void shapes() {
        String invalid = "The definition of the '0011,0010' dictionary entry is invalid";
        fails("{ \"0011,0010\" : \"LO\" }", ErrorCode.BadFileFormat, invalid);
        fails("{ \"0011,0010\" : [ \"LO\" ] }", ErrorCode.BadFileFormat, invalid);
        fails("{ \"0011,0010\" : [ \"LO\", \"A\", 1, 1, \"C\", 6 ] }", ErrorCode.BadFileFormat, invalid);
        fails("{ \"0011,0010\" : [ \"LO\", 5 ] }", ErrorCode.BadFileFormat, invalid);
        fails("{ \"0011,0010\" : [ \"LO\", \"A\", \"1\" ] }", ErrorCode.BadFileFormat, invalid);
        fails("{ \"0011,0010\" : [ \"LO\", \"A\", 1, 1, 7 ] }", ErrorCode.BadFileFormat, invalid);
        fails("{ \"0011,0010\" : [ \"LO\", \" \" ] }", ErrorCode.BadFileFormat, "the name is empty");
    }

    @Test
    void valueRepresentations() {
        fails("{ \"0011,0010\" : [ \"lo\", \"A\" ] }", ErrorCode.ParameterOutOfRange,
                "Unknown value representation \"lo\"");
        fails("{ \"0011,0010\" : [ \"XX\", \"A\" ] }", ErrorCode.ParameterOutOfRange,
                "Unknown value representation \"XX\"");
        fails("{ \"0011,0010\" : [ \"LOO\", \"A\" ] }", ErrorCode.ParameterOutOfRange,
                "Unknown value representation \"LOO\"");
    }

    @Test
    void keys() {
        fails("{ \"PatientName\" : [ \"PN\", \"A\" ] }", ErrorCode.UnknownDicomTag, "is not a tag written gggg,eeee");
        fails("{ \"0011,001\" : [ \"LO\", \"A\" ] }", ErrorCode.UnknownDicomTag, "is not a tag written gggg,eeee");
        assertThat(dictionary("{ \"00110010\" : [ \"LO\", \"A\" ] }").lookup(0x00110010).name()).isEqualTo("A");
    }

    @Test
    void notAnObjectIsIgnoredLikeOrthanc() {
        assertThat(dictionary("[ 1 ]").entries()).isEmpty();
    }
}
