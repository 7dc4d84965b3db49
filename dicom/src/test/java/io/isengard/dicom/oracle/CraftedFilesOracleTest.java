package io.isengard.dicom.oracle;

import static io.isengard.dicom.oracle.RawDicom.UNDEFINED;
import static io.isengard.dicom.oracle.RawDicom.ascii;

import io.isengard.dicom.TransferSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Encodings the samples lack or have only by chance, made byte by byte and
 * read by our reader and by dcmdump: both must list the same.
 */
class CraftedFilesOracleTest {
    static final List<Deliberate> DELIBERATE = List.of();

    @TempDir
    static Path dir;

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("out-of-order-and-duplicates", outOfOrderAndDuplicates()),
                Arguments.of("odd-lengths", oddLengths()),
                Arguments.of("text-padding", textPadding()),
                Arguments.of("numbers", numbers(RawDicom.explicitLittle())),
                Arguments.of("empty-values", emptyValues()),
                Arguments.of("cp246-un-sequences", unSequences()),
                Arguments.of("sequence-lengths", sequenceLengths(RawDicom.explicitLittle())),
                Arguments.of("implicit-bare", implicitBare()),
                Arguments.of("big-endian-part10", RawDicom.part10("1.2.840.10008.1.2.2", bigEndian())),
                Arguments.of("big-endian-bare", bigEndian()),
                Arguments.of("implicit-part10", RawDicom.part10("1.2.840.10008.1.2", implicitBare())),
                Arguments.of("meta-without-preamble", metaWithoutPreamble()),
                Arguments.of("meta-length-counts-another-group", metaLengthCountsAnotherGroup()),
                Arguments.of("meta-element-after-meta-length", metaElementAfterMetaLength()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsAsDcmtkDoes(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name + ".dcm");
        Files.write(file, bytes);
        OracleCheck.assertSameAsDcmdump(file, name + ".dcm", DELIBERATE);
    }

    /**
     * Odd lengths, disorder and the rest must survive our writer too, in
     * every native transfer syntax, from memory and copied from the file.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void roundTrips(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name + ".dcm");
        Files.write(file, bytes);
        for (TransferSyntax ts : RoundTripTest.NATIVE) {
            RoundTripTest.check(file, name + ".dcm", ts, dir, 4);
        }
    }

    private static byte[] outOfOrderAndDuplicates() {
        return RawDicom.explicitLittle()
                .text(0x00100020, "LO", "ID1 ")
                .text(0x00080060, "CS", "MR")
                .text(0x00100010, "PN", "First^")
                .text(0x00100010, "PN", "Second")
                .text(0x00080060, "CS", "CT")
                .toBytes();
    }

    private static byte[] oddLengths() {
        RawDicom r = RawDicom.explicitLittle();
        return r.text(0x00080016, "UI", "1.2.3")
                .text(0x00080020, "DA", "2001010")
                .text(0x00080050, "SH", "ABC")
                .text(0x00080090, "PN", "   ")
                .text(0x00081030, "LO", "x ")
                .text(0x00204000, "LT", "odd text")
                .el(0x00280010, "US", r.shorts(1, 2)).el(0x00280011, "US", new byte[] {1, 2, 3})
                .text(0x00290010, "LO", "CREATOR ")
                .el(0x00291001, "OB", new byte[] {1, 2, 3})
                .el(0x00291002, "OW", new byte[] {1, 2, 3, 4, 5})
                .el(0x00291003, "UN", new byte[] {1, 2, 3})
                .el(0x00291004, "SL", new byte[] {1, 2, 3, 4, 5})
                .el(0x00291005, "UT", ascii(" spaced  "))
                .toBytes();
    }

    private static byte[] textPadding() {
        return RawDicom.explicitLittle()
                .text(0x00080005, "CS", "ISO_IR 100")
                .text(0x00080016, "UI", "1.2.3\0\0\0")
                .text(0x00080018, "UI", " 1.2 .3 \0")
                .text(0x0008001A, "UI", "1.2\\3.4\0")
                .text(0x00080020, "DA", "  ")
                .text(0x00080050, "SH", "  AB  \0 ")
                .text(0x00080060, "CS", "A \\ B ")
                .text(0x00080070, "LO", "x\0\0\0")
                .text(0x00080080, "LO", "a<b>&\"'c\u00e9\u0001")
                .text(0x00080081, "ST", "  line1\r\nline2  ")
                .text(0x00080092, "ST", "\\ x")
                .text(0x00100010, "PN", "\0\0")
                .text(0x00100021, "LO", "a\0b\0")
                .text(0x00104000, "LT", "  \t tab \u007f\u0080\u00ff ")
                .toBytes();
    }

    private static byte[] numbers(RawDicom r) {
        return r.el(0x00089459, "FL", r.floats(99.1f, 1e-7f, 3e38f, 16777217f, Float.NaN, Float.NEGATIVE_INFINITY, -0f))
                .el(0x00189305, "FD", r.doubles(0.1, 1e20, 1e-5, 123456789012345678.0, Double.NaN, 4.9e-324,
                        Double.POSITIVE_INFINITY, -2.5e-5, 1e16, 1e15, 0.8, -0.0))
                .el(0x00209165, "AT", r.shorts(0x0018, 0x1063, 0x7FE0, 0x0010))
                .el(0x00280010, "US", r.shorts(0, 1, 65535))
                .el(0x00280106, "SS", r.shorts(-32768, -1, 32767))
                .el(0x00186016, "UL", r.ints(0, 0xFFFFFFFFL))
                .el(0x00186020, "SL", r.ints(-2147483648L, -1, 2147483647))
                .el(0x00660016, "OF", r.floats(10.1f, -20.2f))
                .el(0x00660041, "OL", r.ints(42, 0xFFFFFFFFL))
                .el(0x0070150D, "OD", r.doubles(1.1, -2.2))
                .text(0x00720010, "LO", "ACME")
                .el(0x00721001, "SV", r.longs(Long.MIN_VALUE, -1, Long.MAX_VALUE))
                .el(0x00721002, "UV", r.longs(0, -1))
                .el(0x00721003, "OV", r.longs(-1, 1))
                .el(0x00721004, "OW", r.shorts(0x0102, 0xFFFE))
                .el(0x00721005, "OB", new byte[] {0, (byte) 0xFF})
                .toBytes();
    }

    private static byte[] emptyValues() {
        RawDicom r = RawDicom.explicitLittle();
        String[] vrs = {"AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL",
            "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV"};
        r.text(0x00090010, "LO", "EMPTY");
        for (int i = 0; i < vrs.length; i++) {
            r.el(0x00091000 | (0x10 + i), vrs[i], new byte[0]);
        }
        return r.toBytes();
    }

    /** CP-246: UN of undefined length holds an implicit VR sequence, which both read as SQ. */
    private static byte[] unSequences() {
        RawDicom item = RawDicom.implicitLittle()
                .text(0x00081150, "UI", "1.2.840.10008.5.1.4.1.1.7\0")
                .text(0x00290010, "LO", "INNER ")
                .el(0x00291010, "UN", ascii("abcd"));
        RawDicom nested = RawDicom.implicitLittle().text(0x00080100, "SH", "CODE").text(0x00080102, "SH", "DCM ");
        RawDicom withSequence = RawDicom.implicitLittle()
                .header(0x00400260, "", UNDEFINED).item(nested.size()).bytes(nested.toBytes()).sequenceEnd();
        RawDicom r = RawDicom.explicitLittle();
        r.header(0x00081140, "UN", UNDEFINED).item(UNDEFINED).bytes(item.toBytes()).itemEnd()
                .item(item.size()).bytes(item.toBytes()).sequenceEnd();
        r.text(0x00290010, "LO", "ACME")
                .header(0x00291001, "UN", UNDEFINED).item(UNDEFINED).bytes(withSequence.toBytes()).itemEnd()
                .sequenceEnd();
        r.el(0x00291002, "UN", ascii("defined length UN stays UN"));
        return r.toBytes();
    }

    private static byte[] sequenceLengths(RawDicom r) {
        RawDicom inner = RawDicom.explicitLittle().text(0x00080100, "SH", "121327").text(0x00080102, "SH", "DCM ");
        RawDicom undefinedItem = RawDicom.explicitLittle().item(UNDEFINED).bytes(inner.toBytes()).itemEnd();
        return r.header(0x00081140, "SQ", 0)
                .header(0x00089121, "SQ", UNDEFINED).item(inner.size()).bytes(inner.toBytes())
                .item(UNDEFINED).itemEnd().sequenceEnd()
                .header(0x00089215, "SQ", undefinedItem.size()).bytes(undefinedItem.toBytes())
                .header(0x00400275, "SQ", UNDEFINED).item(0).sequenceEnd()
                .toBytes();
    }

    private static byte[] implicitBare() {
        RawDicom r = RawDicom.implicitLittle();
        RawDicom lut = RawDicom.implicitLittle()
                .el(0x00283002, "", r.shorts(256, -100, 16))
                .el(0x00283006, "", r.shorts(1, 2))
                .el(0x00603004, "", r.shorts(-1));
        RawDicom code = RawDicom.implicitLittle().text(0x00080100, "", "121327").text(0x00080102, "", "DCM ");
        return r.el(0x00080000, "", r.ints(52))
                .text(0x00080005, "", "ISO_IR 100")
                .text(0x00080060, "", "OT")
                .header(0x00089215, "", UNDEFINED).item(UNDEFINED).bytes(code.toBytes()).itemEnd().sequenceEnd()
                .text(0x00100010, "", "Doe^John")
                .header(0x00101002, "", 0)
                .el(0x00280100, "", r.shorts(16))
                .el(0x00280103, "", r.shorts(1))
                .el(0x00280106, "", r.shorts(-5))
                .el(0x00280107, "", r.shorts(300))
                .el(0x00281101, "", r.shorts(0, -100, 16))
                .header(0x00283000, "", lut.size() + 8).item(lut.size()).bytes(lut.toBytes())
                .text(0x00290010, "", "UNKNOWN CREATOR")
                .el(0x00291001, "", ascii("unknown"))
                .el(0x60003000, "", new byte[] {1, 2, 3, 4})
                .el(0x7FE00010, "", new byte[] {1, 2, 3, 4})
                .toBytes();
    }

    private static byte[] bigEndian() {
        RawDicom r = RawDicom.explicitBig();
        RawDicom item = RawDicom.explicitBig().el(0x00081150, "UI", ascii("1.2.840.10008.5.1.4.1.1.7\0"))
                .el(0x00209165, "AT", r.shorts(0x0018, 0x1063));
        r.text(0x00080005, "CS", "ISO_IR 100")
                .text(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.7\0")
                .header(0x00081140, "SQ", item.size() + 8).item(item.size()).bytes(item.toBytes());
        numbers(r);
        return r.el(0x7FE00010, "OW", r.shorts(1, 2, 0x0304, 0xFFFF)).toBytes();
    }

    /** A meta group with no preamble before it (a common writer mistake). */
    private static byte[] metaWithoutPreamble() {
        byte[] file = RawDicom.part10("1.2.840.10008.1.2.1", RawDicom.explicitLittle()
                .text(0x00080060, "CS", "OT").text(0x00100010, "PN", "Doe^John").toBytes());
        return java.util.Arrays.copyOfRange(file, 132, file.length);
    }

    /**
     * A meta group whose (0002,0000) also counts the (0008,0000) after it
     * (TransferSyntaxes/1.2.840.10008.1.2.4.50.dcm): DCMTK keeps that element
     * in the meta group, since the length ends on an element.
     */
    private static byte[] metaLengthCountsAnotherGroup() {
        RawDicom body = RawDicom.explicitLittle();
        body.el(0x00080000, "UL", body.ints(18)).text(0x00080060, "CS", "OT").text(0x00100010, "PN", "Doe^John");
        return RawDicom.part10("1.2.840.10008.1.2.1", body.toBytes(), 12);
    }

    /**
     * A (0002,0003) after the end that (0002,0000) declares
     * (PilatesArgenturGEUltrasoundOsiriX.dcm): DCMTK reads it in the data set,
     * and the meta group keeps its own.
     */
    private static byte[] metaElementAfterMetaLength() {
        return RawDicom.part10("1.2.840.10008.1.2.1", RawDicom.explicitLittle()
                .text(0x00020003, "UI", "9.8.7.6\0").text(0x00080060, "CS", "OT").toBytes());
    }
}
