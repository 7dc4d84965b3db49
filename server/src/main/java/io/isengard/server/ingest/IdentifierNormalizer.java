package io.isengard.server.ingest;

import java.util.Locale;

/**
 * Orthanc's normalisation of identifier tags for lookups: keep printable
 * ASCII, '%' and '_' become spaces, upper case, trimmed.
 */
public final class IdentifierNormalizer {
    private IdentifierNormalizer() {}

    public static String normalize(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' || c == '_') {
                sb.append(' ');
            } else if (c >= 32 && c < 127) {
                sb.append(c);
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT).strip();
    }
}
