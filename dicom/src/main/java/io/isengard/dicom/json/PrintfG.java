package io.isengard.dicom.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C's {@code printf("%.Ng")}, digit for digit as glibc prints it. Orthanc
 * renders FL and FD values with {@code %.17g} (of the value widened to double),
 * e.g. 0.8 as {@code 0.80000000000000004}; Java's own {@code %g} pads the
 * shortest representation with zeros instead, so the exact binary value is
 * rounded here with {@link BigDecimal}.
 */
public final class PrintfG {
    private PrintfG() {}

    /** {@code %.17g}: enough digits to read back the same double. */
    public static String g17(double d) {
        return g(d, 17);
    }

    /** {@code %.{precision}g}. */
    public static String g(double d, int precision) {
        if (precision < 1) {
            throw new IllegalArgumentException("precision must be >= 1");
        }
        if (Double.isNaN(d)) {
            return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d < 0 ? "-inf" : "inf";
        }
        if (d == 0) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
        }
        // Exact binary value, rounded half-even like glibc in the default rounding mode.
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            String digits = rounded.unscaledValue().abs().toString();
            int end = digits.length();
            while (end > 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            StringBuilder sb = new StringBuilder();
            if (rounded.signum() < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (end > 1) {
                sb.append('.').append(digits, 1, end);
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            return sb.append(abs).toString();
        }
        String plain = rounded.stripTrailingZeros().toPlainString();
        return plain;
    }
}
