package io.isengard.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Fragments;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DICOM JSON model (PS3.18 Annex F) for hand-built data sets, and back. */
class DicomJsonTest {
    /** Elements of the kinds of PS3.18 F.4's example, one of each VR family. */
    static DataSet example() {
        DataSet ds = new DataSet();
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.putString(0x00080020, VR.DA, "20130409");
        ds.putString(0x00080030, VR.TM, "131600.0000");
        ds.putString(0x00080050, VR.SH, "11235813");
        ds.putString(0x00080056, VR.CS, "ONLINE");
        ds.putString(0x00080061, VR.CS, "CT", "PET");
        ds.putString(0x00080090, VR.PN, "^Bob^^Dr.");
        ds.putString(0x00081190, VR.UR, "http://wado.nema.org/studies/1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873");
        ds.put(0x00090010, VR.LO, new byte[0]);
        ds.putString(0x00100010, VR.PN, "Wang^XiaoDong=王^小東=");
        ds.putString(0x00100020, VR.LO, " 12345 ");
        ds.putString(0x00100021, VR.LO, "Hospital A");
        ds.putString(0x00101030, VR.DS, "72.5", "+1", ".5", "1e3");
        ds.putString(0x00200013, VR.IS, "+007", "-1");
        ds.putString(0x00201206, VR.IS, "4");
        ds.putString(0x0020000D, VR.UI, "1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873");
        ds.putString(0x00324000, VR.LT, "  leading spaces matter\\ in texts");
        ds.putString(0x00400009, VR.SH, "A", "", "C");
        ds.putInts(0x00280010, VR.US, 512);
        ds.putInts(0x00280106, VR.SS, -5, 7);
        ds.putInts(0x00081160, VR.UL, -1);
        ds.putInts(0x00186020, VR.SL, Integer.MIN_VALUE);
        ds.put(0x00189306, VR.FL, Values.floats(0.1f, 3f));
        ds.put(0x00189305, VR.FD, Values.doubles(0.8, -2.5e-300));
        ds.put(0x00720076, VR.SV, Values.longs(Long.MIN_VALUE));
        ds.put(0x00720078, VR.UV, Values.longs(-1));
        ds.put(0x00209165, VR.AT, Values.tags(0x00181063, 0x7FE00010));
        ds.put(0x00191001, VR.OB, new byte[] {1, 2, 3, 0});
        ds.put(0x00191002, VR.UN, Values.ascii("ABC\0"));
        ds.putInts(0x00080000, VR.UL, 1234);
        Sequence seq = ds.newSequence(0x00081140);
        seq.addItem().putString(0x00081150, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        seq.addItem();
        ds.newSequence(0x00081111);
        return ds;
    }

    static final String EXPECTED = """
            {
              "00080005": {"vr": "CS", "Value": ["ISO_IR 192"]},
              "00080020": {"vr": "DA", "Value": ["20130409"]},
              "00080030": {"vr": "TM", "Value": ["131600.0000"]},
              "00080050": {"vr": "SH", "Value": ["11235813"]},
              "00080056": {"vr": "CS", "Value": ["ONLINE"]},
              "00080061": {"vr": "CS", "Value": ["CT", "PET"]},
              "00080090": {"vr": "PN", "Value": [{"Alphabetic": "^Bob^^Dr."}]},
              "00081111": {"vr": "SQ"},
              "00081140": {"vr": "SQ", "Value": [
                  {"00081150": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.2"]}},
                  {}
              ]},
              "00081160": {"vr": "UL", "Value": [4294967295]},
              "00081190": {"vr": "UR",
                  "Value": ["http://wado.nema.org/studies/1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873"]},
              "00090010": {"vr": "LO"},
              "00100010": {"vr": "PN", "Value": [{"Alphabetic": "Wang^XiaoDong", "Ideographic": "王^小東"}]},
              "00100020": {"vr": "LO", "Value": ["12345"]},
              "00100021": {"vr": "LO", "Value": ["Hospital A"]},
              "00101030": {"vr": "DS", "Value": [72.5, 1, 0.5, 1e3]},
              "00186020": {"vr": "SL", "Value": [-2147483648]},
              "00189305": {"vr": "FD", "Value": [0.8, -2.5e-300]},
              "00189306": {"vr": "FL", "Value": [0.1, 3]},
              "00191001": {"vr": "OB", "InlineBinary": "AQIDAA=="},
              "00191002": {"vr": "UN", "InlineBinary": "QUJDAA=="},
              "0020000D": {"vr": "UI", "Value": ["1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873"]},
              "00200013": {"vr": "IS", "Value": [7, -1]},
              "00201206": {"vr": "IS", "Value": [4]},
              "00209165": {"vr": "AT", "Value": ["00181063", "7FE00010"]},
              "00280010": {"vr": "US", "Value": [512]},
              "00280106": {"vr": "SS", "Value": [-5, 7]},
              "00324000": {"vr": "LT", "Value": ["  leading spaces matter\\\\ in texts"]},
              "00400009": {"vr": "SH", "Value": ["A", null, "C"]},
              "00720076": {"vr": "SV", "Value": [-9223372036854775808]},
              "00720078": {"vr": "UV", "Value": [18446744073709551615]}
            }
            """;

    @Test
    void writesTheModelOfPs318AnnexF() {
        Object actual = JsonParser.parse(DicomJson.toJson(example()));

        assertThat(JsonDiff.diff(JsonParser.parse(EXPECTED), actual)).isEmpty();
    }

    @Test
    void numbersAreWrittenAsTheyAreWithoutBinaryNoise() {
        String json = DicomJson.toJson(example());

        assertThat(json).contains("\"Value\":[0.1,3]").contains("\"Value\":[72.5,1,0.5,1e3]")
                .contains("\"Value\":[0.8,-2.5E-300]").contains("\"Value\":[18446744073709551615]");
    }

    @Test
    void bulkDataPolicyChoosesUriInlineOrNothing() {
        DataSet ds = new DataSet();
        ds.put(0x00191001, VR.OB, new byte[] {1, 2});
        ds.newSequence(0x00081140).addItem().put(0x00191002, VR.OW, new byte[] {1, 2, 3, 4});
        ds.put(Tag.PixelData, VR.OW, new byte[8]);
        List<String> seen = new ArrayList<>();
        BulkDataPolicy policy = (path, tag, vr, length) -> {
            seen.add(path + " " + vr + " " + length);
            if (tag == Tag.PixelData) {
                return BulkDataPolicy.Decision.OMIT;
            }
            return length > 2 ? BulkDataPolicy.Decision.uri("bulk/" + path) : BulkDataPolicy.Decision.INLINE;
        };

        String json = DicomJson.toJson(ds, policy);

        assertThat(seen).containsExactly("00081140/0/00191002 OW 4", "00191001 OB 2", "7FE00010 OW 8");
        assertThat(json).isEqualTo("{\"00081140\":{\"vr\":\"SQ\",\"Value\":[{\"00191002\":{\"vr\":\"OW\","
                + "\"BulkDataURI\":\"bulk/00081140/0/00191002\"}}]},\"00191001\":{\"vr\":\"OB\",\"InlineBinary\":\"AQI=\"}}");
    }

    @Test
    void readsBackWhatItWrites() {
        DataSet original = example();
        original.remove(0x00080000); // group lengths are not part of the model

        DataSet read = DicomJsonReader.read(DicomJson.toJson(original));

        assertThat(JsonDiff.diff(JsonParser.parse(DicomJson.toJson(original)), JsonParser.parse(DicomJson.toJson(read))))
                .isEmpty();
        assertThat(read.string(0x00100010)).isEqualTo("Wang^XiaoDong=王^小東");
        assertThat(read.string(0x00101030)).isEqualTo("72.5\\1\\0.5\\1000");
        assertThat(read.sequence(0x00081140).size()).isEqualTo(2);
        assertThat(read.sequence(0x00081140).get(0).parent()).isSameAs(read);
        assertThat(read.sequence(0x00081111).size()).isZero();
        assertThat(read.bytes(0x00191001)).containsExactly(1, 2, 3, 0);
        assertThat(read.bytes(0x00720078)).containsExactly(-1, -1, -1, -1, -1, -1, -1, -1);
    }

    @Test
    void encapsulatedPixelDataGoesInlineAsItsItemStreamAndComesBack() {
        DataSet ds = new DataSet();
        Fragments f = new Fragments();
        f.add(new byte[0]);
        f.add(new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0});
        ds.put(Tag.PixelData, VR.OB, f);

        DataSet read = DicomJsonReader.read(DicomJson.toJson(ds));

        assertThat(read.value(Tag.PixelData)).isEqualTo(f);
    }

    @Test
    void readerResolvesBulkDataUris() {
        String json = "{\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"http://x/bulk\"}}";

        DataSet read = DicomJsonReader.read(json, (uri, tag, vr) -> new byte[] {9, 9});

        assertThat(read.bytes(Tag.PixelData)).containsExactly(9, 9);
        assertThatThrownBy(() -> DicomJsonReader.read(json)).isInstanceOf(JsonParseException.class)
                .hasMessageContaining("http://x/bulk");
    }

    @Test
    void readerEncodesTextWithTheDataSetsCharacterSet() {
        String json = "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Buc^J\u00e9r\u00f4me\"}]},"
                + "\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]}}";

        DataSet read = DicomJsonReader.read(json);

        assertThat(read.bytes(0x00100010)).containsExactly(Values.ascii("Buc^J\u00e9r\u00f4me"));
    }

    @Test
    void readerRefusesWhatIsNotTheModel() {
        for (String bad : List.of("[]", "{\"0010001\":{\"vr\":\"LO\"}}", "{\"00100010\":{\"Value\":[\"x\"]}}",
                "{\"00100010\":{\"vr\":\"XX\"}}", "{\"00100010\":{\"vr\":\"LO\",\"Value\":\"x\"}}",
                "{\"00280010\":{\"vr\":\"US\",\"Value\":[\"x\"]}}", "{\"00200013\":{\"vr\":\"IS\",\"Value\":[1.5]}}",
                "{\"00081140\":{\"vr\":\"SQ\",\"Value\":[1]}}", "{\"00191001\":{\"vr\":\"OB\",\"InlineBinary\":\"*\"}}",
                "{\"00209165\":{\"vr\":\"AT\",\"Value\":[\"0018\"]}}")) {
            assertThatThrownBy(() -> DicomJsonReader.read(bad)).as(bad).isInstanceOf(JsonParseException.class);
        }
    }

    @Test
    void readsArraysOfDataSets() {
        List<DataSet> all = DicomJsonReader.readAll("[{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"A\"]}},{}]",
                DicomJsonReader.BulkDataResolver.NONE);

        assertThat(all).hasSize(2);
        assertThat(all.get(0).string(0x00100020)).isEqualTo("A");
    }
}
