package io.isengard.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are glibc's {@code printf("%.17g")}, as seen in Orthanc's answers. */
class PrintfGTest {
    @ParameterizedTest
    @CsvSource({
        "0.8, 0.80000000000000004",
        "0.92, 0.92000000000000004",
        "21.975117228585987, 21.975117228585987",
        "-9.9e22, -9.9000000000000002e+22",
        "1e300, 1.0000000000000001e+300",
        "1e-5, 1.0000000000000001e-05",
        "123456789012345678, 1.2345678901234568e+17",
        "1468831655.2319629, 1468831655.2319629",
        "0, 0",
        "-0.0, -0",
        "1, 1",
        "100, 100",
        "1e16, 10000000000000000",
        "1e17, 1e+17",
        "0.0001, 0.0001",
        "0.00001, 1.0000000000000001e-05",
        "0.5, 0.5",
        "2.5e-300, 2.5e-300",
        "0.3, 0.29999999999999999",
        "1e23, 9.9999999999999992e+22",
        "4.9e-324, 4.9406564584124654e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
    })
    void doubles(double value, String expected) {
        assertThat(PrintfG.g17(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "0.1, 0.10000000149011612",
        "3.4e38, 3.3999999521443642e+38",
        "1e-10, 1.000000013351432e-10",
        "99.1, 99.099998474121094",
        "6166.3564453125, 6166.3564453125",
    })
    void floatsWidenedToDouble(float value, String expected) {
        assertThat(PrintfG.g17(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 1, 0.5", "1234.5, 3, 1.23e+03", "0.000123456, 2, 0.00012", "9.99, 2, 10", "nan, 6, nan"})
    void otherPrecisions(String value, int precision, String expected) {
        double d = value.equals("nan") ? Double.NaN : Double.parseDouble(value);
        assertThat(PrintfG.g(d, precision)).isEqualTo(expected);
    }
}
