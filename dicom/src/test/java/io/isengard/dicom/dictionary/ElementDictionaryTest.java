package io.isengard.dicom.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.VR;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElementDictionaryTest {

    @Test
    void findsPublicTagsWithVrAndVm() {
        DictionaryEntry e = ElementDictionary.lookup(0x00100010);
        assertThat(e.keyword()).isEqualTo("PatientName");
        assertThat(e.tag()).isEqualTo(0x00100010);
        assertThat(e.vrs()).containsExactly(VR.PN);
        assertThat(e.vm()).isEqualTo("1");
        assertThat(e.retired()).isFalse();
        assertThat(e.privateCreator()).isNull();

        assertThat(ElementDictionary.lookup(0x00080008).vm()).isEqualTo("2-n"); // ImageType
        assertThat(ElementDictionary.lookup(0x00200032).vr()).isEqualTo(VR.DS); // ImagePositionPatient
    }

    @Test
    void pixelDataIsUsuallyOwButMayBeOb() {
        DictionaryEntry e = ElementDictionary.lookup(0x7FE00010);
        assertThat(e.keyword()).isEqualTo("PixelData");
        assertThat(e.vr()).isEqualTo(VR.OW);
        assertThat(e.vrs()).containsExactly(VR.OW, VR.OB);
    }

    @Test
    void dcmtkPseudoVrsBecomeRealVrsUsualFirst() {
        assertThat(ElementDictionary.lookup(0x00280106).keyword()).isEqualTo("SmallestImagePixelValue");
        assertThat(ElementDictionary.lookup(0x00280106).vrs()).containsExactly(VR.US, VR.SS); // xs
        assertThat(ElementDictionary.lookup(0x00283006).vrs()).containsExactly(VR.OW, VR.US, VR.SS); // lt
        assertThat(ElementDictionary.lookup(0x54001010).vrs()).containsExactly(VR.OW, VR.OB); // ox WaveformData
        assertThat(ElementDictionary.lookup(0x00041200).vrs()).containsExactly(VR.UL); // up
    }

    @Test
    void itemsAndDelimitersHaveNoVr() {
        for (int tag : new int[] {0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD}) {
            DictionaryEntry e = ElementDictionary.lookup(tag);
            assertThat(e.vrs()).isEmpty();
            assertThat(e.vr()).isEqualTo(VR.UN);
        }
        assertThat(ElementDictionary.lookup(0xFFFEE000).keyword()).isEqualTo("Item");
    }

    @Test
    void overlayGroupsRepeatOverEvenGroups() {
        DictionaryEntry e = ElementDictionary.lookup(0x60023000);
        assertThat(e.keyword()).isEqualTo("OverlayData");
        assertThat(e.tag()).as("lowest tag of the range").isEqualTo(0x60003000);
        assertThat(e.vrs()).containsExactly(VR.OW, VR.OB);
        assertThat(ElementDictionary.lookup(0x60FE0010).keyword()).isEqualTo("OverlayRows");
        assertThat(ElementDictionary.lookup(0x61003000)).as("past 60FF").isNull();
    }

    @Test
    void curveGroupsAreRetired() {
        DictionaryEntry e = ElementDictionary.lookup(0x50040005);
        assertThat(e.keyword()).isEqualTo("RETIRED_CurveDimensions");
        assertThat(e.retired()).isTrue();
        assertThat(e.vr()).isEqualTo(VR.US);
        assertThat(ElementDictionary.lookup(0x50003000).vrs()).containsExactly(VR.OW, VR.OB); // RETIRED_CurveData
        assertThat(ElementDictionary.lookup(0x50010005)).as("odd group: private, not a curve").isNull();
    }

    @Test
    void elementRangesHoldEvenElementsOnlyAsInDicomDic() {
        // dicom.dic: (0020,3100-31FF), and "by default the repeating notation only represents even numbers".
        DictionaryEntry e = ElementDictionary.lookup(0x00203102);
        assertThat(e.keyword()).isEqualTo("RETIRED_SourceImageIDs");
        assertThat(e.tag()).isEqualTo(0x00203100);
        assertThat(e.retired()).isTrue();
        assertThat(ElementDictionary.lookup(0x002031FE)).isSameAs(e);
        assertThat(ElementDictionary.lookup(0x00203101)).isNull();
    }

    @Test
    void variablePixelDataGroups() {
        assertThat(ElementDictionary.lookup(0x7F020010).keyword()).isEqualTo("RETIRED_VariablePixelData");
        assertThat(ElementDictionary.lookup(0x7FE00010).keyword()).as("exact entry wins").isEqualTo("PixelData");
    }

    @Test
    void groupLengths() {
        assertThat(ElementDictionary.lookup(0x00080000).keyword()).isEqualTo("GenericGroupLength");
        assertThat(ElementDictionary.lookup(0x00080000).vrs()).containsExactly(VR.UL);
        assertThat(ElementDictionary.lookup(0x00090000).keyword()).as("private group").isEqualTo("GenericGroupLength");
        assertThat(ElementDictionary.lookup(0x60020000).keyword()).as("repeating group").isEqualTo("GenericGroupLength");
        assertThat(ElementDictionary.lookup(0x00020000).keyword()).isEqualTo("FileMetaInformationGroupLength");
        assertThat(ElementDictionary.lookup(0x00000000).keyword()).isEqualTo("CommandGroupLength");
    }

    @Test
    void privateCreatorsButNotPrivateData() {
        DictionaryEntry e = ElementDictionary.lookup(0x00290010);
        assertThat(e.keyword()).isEqualTo("PrivateCreator");
        assertThat(e.vrs()).containsExactly(VR.LO);
        assertThat(ElementDictionary.lookup(0x001900FF).keyword()).isEqualTo("PrivateCreator");
        assertThat(ElementDictionary.lookup(0x00090010).keyword()).isEqualTo("PrivateCreator");
        assertThat(ElementDictionary.lookup(0x00091010)).isNull();
        assertThat(ElementDictionary.lookup(0x00291010)).isNull();
        assertThat(ElementDictionary.lookup(0x0029000F)).isNull();
        assertThat(ElementDictionary.lookup(0x00030010)).as("odd groups up to 0007 are not private").isNull();
    }

    @Test
    void unknownTags() {
        assertThat(ElementDictionary.lookup(0x00080002)).isNull();
        assertThat(ElementDictionary.lookup(0x12340010)).isNull();
        assertThat(ElementDictionary.vrOf(0x00091010)).isEqualTo(VR.UN);
        assertThat(ElementDictionary.vrOf(0x00100030)).isEqualTo(VR.DA);
    }

    @Test
    void keywords() {
        assertThat(ElementDictionary.lookup("PatientID").tag()).isEqualTo(0x00100020);
        assertThat(ElementDictionary.lookup("PatientID").vr()).isEqualTo(VR.LO);
        assertThat(ElementDictionary.lookup("patientid")).isNull();
        assertThat(ElementDictionary.lookup("NoSuchKeyword")).isNull();
        assertThat(ElementDictionary.lookup((String) null)).isNull();
        assertThat(ElementDictionary.lookup("OverlayData").tag()).isEqualTo(0x60003000);
        assertThat(ElementDictionary.lookup("GenericGroupLength").tag()).isEqualTo(0x00000000);
    }

    @Test
    void retiredEntriesAnswerToBothSpellingsOfTheirKeyword() {
        DictionaryEntry dcmtk = ElementDictionary.lookup("RETIRED_CurveData");
        assertThat(dcmtk.tag()).isEqualTo(0x50003000);
        assertThat(ElementDictionary.lookup("CurveData")).isSameAs(dcmtk);
    }

    @Test
    void keywordAndTagLookupsAgree() {
        for (String keyword : List.of("SOPInstanceUID", "StudyDate", "TransferSyntaxUID", "WaveformData",
                "FloatPixelData", "ReferencedSOPSequence", "RETIRED_RowsForNthOrderCoefficients")) {
            DictionaryEntry e = ElementDictionary.lookup(keyword);
            assertThat(ElementDictionary.lookup(e.tag())).as(keyword).isSameAs(e);
        }
    }

    @Test
    void everyRowOfTheResourceIsFoundByKeywordAndTag() throws IOException {
        // The dictionary parses rows lazily; this makes it parse them all.
        int rows = 0;
        try (var in = getClass().getResourceAsStream(PublicDictionary.RESOURCE)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                DictionaryEntry e = ElementDictionary.lookup(f[2]);
                assertThat(e).as(line).isNotNull();
                assertThat(e.vm()).as(line).isEqualTo(f[3]);
                assertThat(e.retired()).as(line).isEqualTo(f[4].endsWith("/retired"));
                int comma = f[0].indexOf(',');
                int tag = (Integer.parseInt(f[0].substring(0, 4), 16) << 16)
                        | Integer.parseInt(f[0].substring(comma + 1, comma + 5), 16);
                assertThat(e.tag()).as(line).isEqualTo(tag);
                if (f[0].length() == 9) { // a single tag; a range's first tag may have an entry of its own
                    assertThat(ElementDictionary.lookup(tag)).as(line).isEqualTo(e);
                }
                rows++;
            }
        }
        assertThat(rows).isGreaterThan(4900);
    }

    @Test
    void dcmtksVersionColumnDecidesWhatIsPublic() {
        // DICONDE and DICOS entries are part of dicom.dic and kept.
        assertThat(ElementDictionary.lookup(0x00143050).keyword()).isEqualTo("DarkCurrentCounts");
        // DCMTK's IllegalPrivateCreator and PrivateGroupLength are not.
        assertThat(ElementDictionary.lookup("IllegalPrivateCreator")).isNull();
        assertThat(ElementDictionary.lookup("PrivateGroupLength")).isNull();
    }
}
