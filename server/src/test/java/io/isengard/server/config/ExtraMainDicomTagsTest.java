package io.isengard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isengard.dicom.dictionary.ElementDictionary;
import io.isengard.server.ingest.MainDicomTags;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtraMainDicomTagsTest {
    private static Map<ResourceType, List<Integer>> extra(String section) {
        return Configs.core("{ \"ExtraMainDicomTags\" : " + section + " }").extraMainDicomTags();
    }

    private static void fails(String section, ErrorCode code, String messagePart) {
        assertThatThrownBy(() -> extra(section)).isInstanceOfSatisfying(OrthancException.class, e -> {
            assertThat(e.error()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void tagsWrittenAsNumbers() {
        Map<ResourceType, List<Integer>> e = extra("{ \"Patient\" : [], \"Study\" : [ \"0008,1050\" ],"
                + " \"Series\" : [], \"Instance\" : [ \"00280010\", \"0028,0011\", \"0008,0016\" ] }");
        // Levels without extra tags are left out.
        assertThat(e).containsOnlyKeys(ResourceType.STUDY, ResourceType.INSTANCE);
        assertThat(e.get(ResourceType.STUDY)).containsExactly(0x00081050);
        assertThat(e.get(ResourceType.INSTANCE)).containsExactly(0x00280010, 0x00280011, 0x00080016);
        assertThat(new MainDicomTags(e).signature(ResourceType.INSTANCE)).isEqualTo("0008,0012;0008,0013;0008,0016;"
                + "0008,0018;0020,0012;0020,0013;0020,0032;0020,0037;0020,0100;0020,4000;0028,0008;0028,0010;"
                + "0028,0011;0054,1330");
    }

    @Test
    void tagsWrittenAsKeywords() {
        assumeTrue(ElementDictionary.lookup("Rows") != null, "the data dictionary of module dicom is not there yet");
        Map<ResourceType, List<Integer>> e = extra("{ \"Study\" : [ \"PerformingPhysicianName\" ],"
                + " \"Instance\" : [ \"Rows\", \"Columns\", \"SOPClassUID\" ] }");
        assertThat(e.get(ResourceType.STUDY)).containsExactly(0x00081050);
        assertThat(e.get(ResourceType.INSTANCE)).containsExactly(0x00280010, 0x00280011, 0x00080016);
    }

    @Test
    void keywordsOfTheUserDictionary() {
        CoreSettings s = Configs.core("{ \"Dictionary\" : { \"0014,1020\" : [ \"DA\", \"MyDate\" ] },"
                + " \"ExtraMainDicomTags\" : { \"Series\" : [ \"MyDate\" ] } }");
        assertThat(s.extraMainDicomTags().get(ResourceType.SERIES)).containsExactly(0x00141020);
    }

    @Test
    void levelsAreCaseInsensitive() {
        Map<ResourceType, List<Integer>> e = extra("{ \"study\" : [ \"0008,1050\" ], \"INSTANCES\" : [ \"0028,0010\" ] }");
        assertThat(e.get(ResourceType.STUDY)).containsExactly(0x00081050);
        assertThat(e.get(ResourceType.INSTANCE)).containsExactly(0x00280010);
    }

    @Test
    void unknownLevel() {
        fails("{ \"Frame\" : [] }", ErrorCode.BadFileFormat, "Unknown entry 'Frame' in ExtraMainDicomTags");
    }

    @Test
    void shapes() {
        fails("{ \"Study\" : \"0008,1050\" }", ErrorCode.BadFileFormat, "(not an array)");
        fails("{ \"Study\" : [ 8 ] }", ErrorCode.BadFileFormat, "(item is not a string)");
        fails("[]", ErrorCode.BadParameterType, "must be a JSON object");
    }

    @Test
    void unknownKeyword() {
        fails("{ \"Study\" : [ \"NoSuchKeywordAnywhere\" ] }", ErrorCode.UnknownDicomTag,
                "\"NoSuchKeywordAnywhere\" is neither gggg,eeee nor the keyword of a known DICOM tag");
    }

    @Test
    void defaultMainTagDeclaredAgain() {
        fails("{ \"Study\" : [ \"0008,0020\" ] }", ErrorCode.MainDicomTagsMultiplyDefined, "0008,0020");
    }

    @Test
    void extraTagDeclaredTwice() {
        fails("{ \"Instance\" : [ \"0028,0010\", \"00280010\" ] }", ErrorCode.MainDicomTagsMultiplyDefined,
                "0028,0010 is declared twice at the Instance level");
    }

    @Test
    void sameTagAtTwoLevelsIsAllowed() {
        // Orthanc itself has ImageOrientationPatient at series and instance level.
        Map<ResourceType, List<Integer>> e = extra("{ \"Series\" : [ \"0028,0010\" ], \"Instance\" : [ \"0028,0010\" ] }");
        assertThat(e.get(ResourceType.SERIES)).containsExactly(0x00280010);
        assertThat(e.get(ResourceType.INSTANCE)).containsExactly(0x00280010);
    }

    @Test
    void computedAndPrivateTagsAreIgnored() {
        Map<ResourceType, List<Integer>> e = extra("{ \"Study\" : [ \"0008,0061\", \"0020,1208\", \"0008,1050\" ],"
                + " \"Instance\" : [ \"0009,1001\" ] }");
        assertThat(e.get(ResourceType.STUDY)).containsExactly(0x00081050);
        assertThat(e).doesNotContainKey(ResourceType.INSTANCE);
    }
}
