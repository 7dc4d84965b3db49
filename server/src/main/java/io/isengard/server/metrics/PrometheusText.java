package io.isengard.server.metrics;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Prometheus text format 0.0.4 as Orthanc writes it: one {@code name value
 * timestamp_ms} line per metric; values are integers, or floats printed as
 * C++'s {@code boost::lexical_cast<std::string>(float)} does (9 significant
 * digits, {@code %g} style: {@code 0.0521774292}).
 */
final class PrometheusText {
    private final StringBuilder out = new StringBuilder(2048);

    void integer(String name, long value, long timeMillis) {
        out.append(name).append(' ').append(value).append(' ').append(timeMillis).append('\n');
    }

    /** A size in bytes exported in MB, a float as in Orthanc (computed in single precision, like it). */
    void megabytes(String name, long bytes, long timeMillis) {
        out.append(name).append(' ').append(formatFloat((float) bytes / (1024f * 1024f))).append(' ')
                .append(timeMillis).append('\n');
    }

    /** A gauge with its own time, if it was ever set. */
    void gauge(String name, WindowedMax.Sample sample) {
        if (sample != null) {
            integer(name, sample.value(), sample.timeMillis());
        }
    }

    void type(String name, String type) {
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** The {@code _bucket}, {@code _sum} and {@code _count} lines of one labelled histogram. */
    void histogram(String name, String labels, double[] bounds, LatencyHistogram.Snapshot s, long timeMillis) {
        long[] cumulative = s.cumulative();
        for (int i = 0; i < cumulative.length; i++) {
            String le = i < bounds.length ? formatBound(bounds[i]) : "+Inf";
            out.append(name).append("_bucket{").append(labels).append(",le=\"").append(le).append("\"} ")
                    .append(cumulative[i]).append(' ').append(timeMillis).append('\n');
        }
        out.append(name).append("_sum{").append(labels).append("} ")
                .append(BigDecimal.valueOf(s.sumMillis()).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString())
                .append(' ').append(timeMillis).append('\n');
        out.append(name).append("_count{").append(labels).append("} ").append(s.count()).append(' ')
                .append(timeMillis).append('\n');
    }

    private static String formatBound(double b) {
        return b == Math.rint(b) ? Long.toString((long) b) : Double.toString(b);
    }

    /** A label value escaped as the text format requires (backslash, double quote, line feed). */
    static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** {@code printf("%.9g")} without trailing zeros, as boost::lexical_cast prints a float. */
    static String formatFloat(float f) {
        if (f == 0) {
            return "0";
        }
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            return Float.isNaN(f) ? "nan" : f > 0 ? "inf" : "-inf";
        }
        BigDecimal v = new BigDecimal(f).round(new MathContext(9));
        int exponent = v.precision() - v.scale() - 1;
        if (exponent < -4 || exponent >= 9) {
            BigDecimal mantissa = v.movePointLeft(exponent).stripTrailingZeros();
            String e = Integer.toString(Math.abs(exponent));
            return mantissa.toPlainString() + (exponent < 0 ? "e-" : "e+") + (e.length() < 2 ? "0" + e : e);
        }
        return v.stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
