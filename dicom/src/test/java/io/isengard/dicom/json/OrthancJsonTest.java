package io.isengard.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Orthanc's forms for hand-built data sets. Expected values are what Debian's
 * Orthanc 1.10.1 answered for a file with the same elements (made with
 * DCMTK's dump2dcm and uploaded to it).
 */
class OrthancJsonTest {
    private static final OrthancJsonOptions TAGS = OrthancJsonOptions.TAGS;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> full(DataSet ds, OrthancJsonOptions options) {
        return (Map<String, Object>) JsonParser.parse(OrthancJson.toJson(ds, OrthancFormat.FULL, options));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(DataSet ds, int tag) {
        return (Map<String, Object>) full(ds, TAGS).get(Tag.toString(tag));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shortForm(DataSet ds, OrthancJsonOptions options) {
        return (Map<String, Object>) JsonParser.parse(OrthancJson.toJson(ds, OrthancFormat.SHORT, options));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> human(DataSet ds, OrthancJsonOptions options) {
        return (Map<String, Object>) JsonParser.parse(OrthancJson.toJson(ds, OrthancFormat.HUMAN, options));
    }

    /** A map that, unlike Map.of, takes null values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Object value(DataSet ds, int tag) {
        return shortForm(ds, TAGS).get(Tag.toString(tag));
    }

    @Test
    void textKeepsLeadingSpacesAndInnerPaddingButNotTrailingPadding() {
        DataSet ds = new DataSet();
        ds.put(0x00080060, VR.CS, Values.ascii(" OT "));
        ds.put(0x00080070, VR.LO, Values.ascii("  lead and trail  "));
        ds.put(0x00080080, VR.LO, Values.ascii("A \\ B \\C "));
        ds.put(0x00080018, VR.UI, Values.ascii("1.2.3\0"));
        ds.put(0x00400009, VR.SH, Values.ascii("\\\\"));

        assertThat(value(ds, 0x00080060)).isEqualTo(" OT");
        assertThat(value(ds, 0x00080070)).isEqualTo("  lead and trail");
        assertThat(value(ds, 0x00080080)).isEqualTo("A \\ B \\C");
        assertThat(value(ds, 0x00080018)).isEqualTo("1.2.3");
        assertThat(value(ds, 0x00400009)).isEqualTo("\\\\");
    }

    @Test
    void eachTypeOfValue() {
        DataSet ds = new DataSet();
        ds.putString(0x00100020, VR.LO, "PID");
        ds.put(0x00081090, VR.LO, new byte[0]);
        ds.put(0x00281101, VR.US, new byte[0]);
        ds.put(0x00291002, VR.OB, new byte[] {0, (byte) 0xFF, 0x41, 0});
        ds.putString(0x00081030, VR.LO, "A".repeat(300));
        ds.newSequence(0x00540016);

        assertThat(entry(ds, 0x00100020)).containsEntry("Type", "String").containsEntry("Value", "PID");
        assertThat(entry(ds, 0x00081090)).containsEntry("Type", "String").containsEntry("Value", "");
        assertThat(entry(ds, 0x00281101)).containsEntry("Type", "Null").containsEntry("Value", null);
        assertThat(entry(ds, 0x00291002)).containsEntry("Type", "Null").containsEntry("Value", null);
        assertThat(entry(ds, 0x00081030)).containsEntry("Type", "TooLong").containsEntry("Value", null);
        assertThat(entry(ds, 0x00540016)).containsEntry("Type", "Sequence").containsEntry("Value", List.of());
        assertThat(entry(ds, 0x00100020)).containsOnlyKeys("Name", "Type", "Value");
    }

    @Test
    void binaryAsDataUriOrAscii() {
        DataSet ds = new DataSet();
        ds.put(0x00291002, VR.OB, new byte[] {0, (byte) 0xFF, 0x41, 0});
        ds.put(0x00291003, VR.UN, Values.ascii("AB\nC"));
        ds.put(0x00191017, VR.SV, Values.longs(1));

        Map<String, Object> uri = full(ds, TAGS.withBinary(OrthancJsonOptions.BinaryMode.DATA_URI));
        assertThat(uri.get("0029,1002")).isEqualTo(Map.of("Name", TagNames.UNKNOWN, "Type", "Binary",
                "Value", "data:application/octet-stream;base64,AP9BAA=="));
        Map<String, Object> ascii = full(ds, TAGS.withBinary(OrthancJsonOptions.BinaryMode.ASCII));
        assertThat(((Map<?, ?>) ascii.get("0029,1003")).get("Value")).isEqualTo("ABC");
        // Orthanc renders no SV/UV/OD/OL/OV values, binary mode or not.
        assertThat(((Map<?, ?>) uri.get("0019,1017")).get("Type")).isEqualTo("Null");
    }

    @Test
    void tooLongCountsUtf8BytesAfterTrailingPadding() {
        DataSet ds = new DataSet();
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.putString(0x00081030, VR.LO, "A".repeat(256));
        ds.putString(0x0008103E, VR.LO, "A".repeat(257));
        ds.put(0x00081040, VR.LO, Values.ascii("\u00e9".repeat(128)));
        ds.put(0x00081050, VR.PN, Values.ascii("\u00e9".repeat(129) + " "));
        ds.put(0x00081048, VR.PN, Values.ascii("B".repeat(256) + "  "));

        Map<String, Object> v = shortForm(ds, TAGS);
        assertThat(v.get("0008,1030")).isEqualTo("A".repeat(256));
        assertThat(v.get("0008,103e")).isNull();
        assertThat(v.get("0008,1040")).isEqualTo("\u00e9".repeat(128)); // 256 bytes in UTF-8
        assertThat(v.get("0008,1050")).isNull(); // 258 bytes in UTF-8
        assertThat(v.get("0008,1048")).isEqualTo("B".repeat(256));
        assertThat(entry(ds, 0x0008103E)).containsEntry("Type", "TooLong");

        Map<String, Object> exempt = shortForm(ds, TAGS.withIgnoreLength(Set.of(0x0008103E)));
        assertThat(exempt.get("0008,103e")).isEqualTo("A".repeat(257));
        assertThat(shortForm(ds, TAGS.withMaxStringLength(0)).get("0008,1050")).isEqualTo("\u00e9".repeat(129));
        assertThat(shortForm(ds, TAGS.withMaxStringLength(10)).get("0008,1030")).isNull();
    }

    @Test
    void numbersAsDcmtkAndOrthancPrintThem() {
        DataSet ds = new DataSet();
        ds.putInts(0x00181310, VR.US, 0, 384, 224, 0);
        ds.putInts(0x00280106, VR.SS, -5, 32767);
        ds.putInts(0x00191010, VR.SL, Integer.MIN_VALUE, Integer.MAX_VALUE);
        ds.putInts(0x00191011, VR.UL, -1);
        ds.put(0x00189305, VR.FD, Values.doubles(0.8, 1e300, -0.0, 1e-5, 123456789012345678.0));
        ds.put(0x00189306, VR.FL, Values.floats(0.1f, 3.4e38f, 1e-10f));
        ds.put(0x00280009, VR.AT, Values.tags(0x00181063, 0x7FE00010));
        ds.put(0x00191017, VR.SV, Values.longs(Long.MIN_VALUE));
        ds.put(0x00191018, VR.UV, Values.longs(-1));
        ds.put(0x0019101D, VR.FD, new byte[0]);
        ds.put(0x0019101E, VR.AT, new byte[0]);
        ds.putString(0x00101030, VR.DS, " 1.5 ", "+2", "-3.0e2");

        Map<String, Object> v = shortForm(ds, TAGS);
        assertThat(v.get("0018,1310")).isEqualTo("0\\384\\224\\0");
        assertThat(v.get("0028,0106")).isEqualTo("-5\\32767");
        assertThat(v.get("0019,1010")).isEqualTo("-2147483648\\2147483647");
        assertThat(v.get("0019,1011")).isEqualTo("4294967295");
        assertThat(v.get("0018,9305"))
                .isEqualTo("0.80000000000000004\\1.0000000000000001e+300\\-0\\1.0000000000000001e-05"
                        + "\\1.2345678901234568e+17");
        assertThat(v.get("0018,9306")).isEqualTo("0.10000000149011612\\3.3999999521443642e+38\\1.000000013351432e-10");
        assertThat(v.get("0028,0009")).as("Orthanc shows the first AT value only").isEqualTo("0018,1063");
        assertThat(v.get("0019,1017")).isNull();
        assertThat(v.get("0019,1018")).isNull();
        assertThat(v.get("0019,101d")).isNull();
        assertThat(v.get("0019,101e")).isNull();
        assertThat(v.get("0010,1030")).isEqualTo(" 1.5 \\+2\\-3.0e2");
    }

    @Test
    void privateTags() {
        DataSet ds = new DataSet();
        ds.putString(0x00090010 + 0x1001 - 0x0010, VR.LO, "orphan private"); // (0009,1001): no creator
        ds.putInts(0x00110000, VR.UL, 12);
        ds.putString(0x00290010, VR.LO, "MY CREATOR ");
        ds.putString(0x00291003, VR.LO, "private text");
        ds.put(0x00291001, VR.UN, Values.ascii("ABC\0"));
        ds.newSequence(0x00291004).addItem().putString(0x00100020, VR.LO, "in item");

        Map<String, Object> f = full(ds, TAGS);
        assertThat(f.get("0009,1001")).isEqualTo(
                Map.of("Name", TagNames.UNKNOWN, "Type", "String", "Value", "orphan private"));
        assertThat(f.get("0011,0000")).isEqualTo(Map.of("Name", "PrivateGroupLength", "Type", "String", "Value", "12"));
        assertThat(f.get("0029,0010")).isEqualTo(Map.of("Name", "PrivateCreator", "Type", "String", "Value", "MY CREATOR"));
        assertThat(f.get("0029,1003")).isEqualTo(Map.of("Name", TagNames.UNKNOWN, "PrivateCreator", "MY CREATOR",
                "Type", "String", "Value", "private text"));
        assertThat(f.get("0029,1001")).isEqualTo(map("Name", TagNames.UNKNOWN, "PrivateCreator", "MY CREATOR",
                "Type", "Null", "Value", null));
        assertThat(((Map<?, ?>) f.get("0029,1004")).keySet()).as("sequences carry no PrivateCreator")
                .isEqualTo(Set.of("Name", "Type", "Value"));
    }

    @Test
    void userDictionaryNamesAndDecodesUnknownPrivateValues() {
        DataSet ds = new DataSet();
        ds.putString(0x00E10010, VR.LO, "ELSCINT1");
        ds.put(0x00E110C2, VR.UN, Values.ascii("1.2.840.113704.1.111.6320.1342451261.21\0"));
        ds.put(0x00E111C2, VR.UN, Values.ascii("other block"));
        UserDictionary dict = new UserDictionary().add(0x00E110C2, VR.UI, "PET-CT Multi Modality Name", "ELSCINT1");

        Map<String, Object> f = full(ds, TAGS.withDictionary(dict));
        assertThat(f.get("00e1,10c2")).isEqualTo(Map.of("Name", "PET-CT Multi Modality Name",
                "PrivateCreator", "ELSCINT1", "Type", "String", "Value", "1.2.840.113704.1.111.6320.1342451261.21"));
        assertThat(((Map<?, ?>) f.get("00e1,11c2")).get("Type")).as("(00e1,11c2) is in another block").isEqualTo("Null");
        assertThat(human(ds, TAGS.withDictionary(dict)))
                .containsEntry("PET-CT Multi Modality Name", "1.2.840.113704.1.111.6320.1342451261.21");
        assertThat(((Map<?, ?>) full(ds, TAGS).get("00e1,10c2")).get("Type")).isEqualTo("Null");
    }

    @Test
    void humanFormIsSortedByNameAndTheLastTagOfANameWins() {
        UserDictionary names = new UserDictionary()
                .add(0x00100010, VR.PN, "Zeta", null)
                .add(0x00100020, VR.LO, "Alpha", null)
                .add(0x00100030, VR.DA, "Alpha", null);
        DataSet ds = new DataSet();
        ds.putString(0x00100010, VR.PN, "Doe^John");
        ds.putString(0x00100020, VR.LO, "first");
        ds.putString(0x00100030, VR.DA, "20240101");

        String json = OrthancJson.toJson(ds, OrthancFormat.HUMAN, TAGS.withDictionary(names));

        assertThat(json).isEqualTo("{\"Alpha\":\"20240101\",\"Zeta\":\"Doe^John\"}");
    }

    @Test
    void sequencesInEachForm() {
        UserDictionary names = new UserDictionary().add(0x00081140, VR.SQ, "ReferencedImageSequence", null)
                .add(0x00081150, VR.UI, "ReferencedSOPClassUID", null);
        DataSet ds = new DataSet();
        Sequence seq = ds.newSequence(0x00081140);
        seq.addItem().putString(0x00081150, VR.UI, "1.2.3");
        seq.addItem();
        OrthancJsonOptions options = TAGS.withDictionary(names);

        assertThat(OrthancJson.toJson(ds, OrthancFormat.FULL, options)).isEqualTo("{\"0008,1140\":{"
                + "\"Name\":\"ReferencedImageSequence\",\"Type\":\"Sequence\",\"Value\":[{\"0008,1150\":{"
                + "\"Name\":\"ReferencedSOPClassUID\",\"Type\":\"String\",\"Value\":\"1.2.3\"}},{}]}}");
        assertThat(OrthancJson.toJson(ds, OrthancFormat.SHORT, options))
                .isEqualTo("{\"0008,1140\":[{\"0008,1150\":\"1.2.3\"},{}]}");
        assertThat(OrthancJson.toJson(ds, OrthancFormat.HUMAN, options))
                .isEqualTo("{\"ReferencedImageSequence\":[{\"ReferencedSOPClassUID\":\"1.2.3\"},{}]}");
    }

    @Test
    void pixelDataIsNullAndEndsTheDumpUnlessTheWholeFileIsAsked() {
        DataSet ds = new DataSet();
        ds.putString(0x00100020, VR.LO, "PID");
        ds.put(Tag.PixelData, VR.OB, new byte[] {0, 1, 2, 3});
        ds.putString(0x7FE10010, VR.LO, "after pixel");

        assertThat(shortForm(ds, TAGS)).isEqualTo(map("0010,0020", "PID", "7fe0,0010", null));
        assertThat(shortForm(ds, TAGS.withBinary(OrthancJsonOptions.BinaryMode.DATA_URI)))
                .containsEntry("7fe0,0010", null);
        assertThat(shortForm(ds, TAGS.withStopAfterPixelData(false))).containsEntry("7fe1,0010", "after pixel");
    }

    @Test
    void pixelDataPlaceholderStandsForPixelDataNotRead() {
        DataSet ds = new DataSet();
        ds.putString(0x00100020, VR.LO, "PID");
        OrthancJsonOptions options = TAGS.withPixelDataPlaceholder(true);

        assertThat(OrthancJson.toJson(ds, OrthancFormat.FULL, options)).isEqualTo("{\"0010,0020\":{\"Name\":"
                + "\"" + TagNames.name(0x00100020, null, null) + "\",\"Type\":\"String\",\"Value\":\"PID\"},"
                + "\"7fe0,0010\":{\"Name\":\"" + TagNames.name(Tag.PixelData, null, null)
                + "\",\"Type\":\"Null\",\"Value\":null}}");
        assertThat(shortForm(ds, options)).containsEntry("7fe0,0010", null);
    }

    @Test
    void headerLeavesOutBinaryPrivateAndUnknownTagsAndHasNoLengthLimit() {
        UserDictionary names = new UserDictionary().add(Tag.TransferSyntaxUID, VR.UI, "TransferSyntaxUID", null)
                .add(Tag.ImplementationVersionName, VR.SH, "ImplementationVersionName", null)
                .add(Tag.FileMetaInformationVersion, VR.OB, "FileMetaInformationVersion", null);
        DataSet meta = new DataSet();
        meta.put(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        meta.putString(Tag.TransferSyntaxUID, VR.UI, "1.2.840.10008.1.2.1");
        meta.putString(Tag.ImplementationVersionName, VR.SH, "X".repeat(300));
        meta.putString(0x00020999, VR.UI, "1.2.3"); // unknown to any dictionary
        OrthancJsonOptions options = OrthancJsonOptions.HEADER.withDictionary(names);

        assertThat(shortForm(meta, options)).containsOnlyKeys("0002,0010", "0002,0013")
                .containsEntry("0002,0013", "X".repeat(300));
    }

    @Test
    void namesComeFromTheDictionary() {
        BuiltInDictionary.require();
        DataSet ds = new DataSet();
        ds.putString(0x00100010, VR.PN, "Doe^John");
        ds.putInts(0x00080000, VR.UL, 878);
        ds.putString(0x00101000, VR.LO, "other");
        ds.putString(0x00324000, VR.LT, "comment");

        // Retired tags keep DCMTK's prefix, but for the main patient tag that Orthanc names itself.
        Map<String, Object> h = human(ds, TAGS);
        assertThat(h).containsEntry("PatientName", "Doe^John").containsEntry("GenericGroupLength", "878")
                .containsEntry("OtherPatientIDs", "other").containsEntry("RETIRED_StudyComments", "comment");
    }

    @Test
    void unValuesOfStringTagsAreShownAsTextWithTheirPadding() {
        BuiltInDictionary.require();
        DataSet ds = new DataSet();
        ds.put(0x00080070, VR.UN, Values.ascii("HITACHI MEDICAL CORPORATION "));
        ds.put(0x00080040, VR.UN, new byte[] {0, 0}); // RETIRED_DataSetType, US
        ds.put(0x00080050, VR.UN, Values.ascii("1909715\0"));

        Map<String, Object> v = shortForm(ds, TAGS);

        assertThat(v.get("0008,0070")).isEqualTo("HITACHI MEDICAL CORPORATION ");
        assertThat(v.get("0008,0040")).isNull();
        assertThat(v.get("0008,0050")).isEqualTo("1909715");
        assertThat(JsonParser.parse(DicomJson.toJson(ds))).isEqualTo(JsonParser.parse(
                "{\"00080040\":{\"vr\":\"US\",\"Value\":[0]},\"00080050\":{\"vr\":\"SH\",\"Value\":[\"1909715\"]},"
                        + "\"00080070\":{\"vr\":\"LO\",\"Value\":[\"HITACHI MEDICAL CORPORATION\"]}}"));
    }

    @Test
    void writesStreamingIntoOrthancPrettyLayout() {
        UserDictionary names = new UserDictionary().add(0x00100010, VR.PN, "PatientName", null)
                .add(0x00081140, VR.SQ, "ReferencedImageSequence", null);
        DataSet ds = new DataSet();
        ds.putString(0x00100010, VR.PN, "Doe^John");
        ds.newSequence(0x00081140).addItem().putString(0x00100010, VR.PN, "X");
        StringBuilder sb = new StringBuilder();

        OrthancJson.write(ds, OrthancFormat.FULL, TAGS.withDictionary(names), JsonWriter.pretty(sb));

        assertThat(sb.toString()).isEqualTo("""
                {
                   "0008,1140" :\s
                   {
                      "Name" : "ReferencedImageSequence",
                      "Type" : "Sequence",
                      "Value" :\s
                      [
                         {
                            "0010,0010" :\s
                            {
                               "Name" : "PatientName",
                               "Type" : "String",
                               "Value" : "X"
                            }
                         }
                      ]
                   },
                   "0010,0010" :\s
                   {
                      "Name" : "PatientName",
                      "Type" : "String",
                      "Value" : "Doe^John"
                   }
                }""");
    }
}
