package io.isengard.server.tls;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orthanc's "SslCiphersAccepted" holds OpenSSL cipher names
 * ("ECDHE-RSA-AES128-GCM-SHA256"); the JDK knows the IANA names
 * ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"). This translates the usual
 * TLS 1.2 families; IANA names pass through.
 */
final class CipherSuiteNames {
    private static final Pattern OPENSSL = Pattern.compile(
            "(?:(ECDHE-ECDSA|ECDHE-RSA|DHE-RSA|DHE-DSS|ECDH-ECDSA|ECDH-RSA)-)?"
            + "(AES128-GCM|AES256-GCM|AES128|AES256|CHACHA20-POLY1305|DES-CBC3)(?:-(SHA|SHA256|SHA384))?");

    private CipherSuiteNames() {}

    /** The IANA name, or null when the name is of no family known here. */
    static String toIana(String name) {
        if (name.startsWith("TLS_") || name.startsWith("SSL_")) {
            return name;
        }
        Matcher m = OPENSSL.matcher(name);
        if (!m.matches()) {
            return null;
        }
        String exchange = m.group(1) == null ? "RSA" : m.group(1).replace('-', '_');
        String mac = m.group(3);
        String cipher = switch (m.group(2)) {
            case "AES128-GCM" -> "AES_128_GCM";
            case "AES256-GCM" -> "AES_256_GCM";
            case "AES128" -> "AES_128_CBC";
            case "AES256" -> "AES_256_CBC";
            case "CHACHA20-POLY1305" -> "CHACHA20_POLY1305";
            default -> "3DES_EDE_CBC";
        };
        boolean valid = switch (cipher) {
            case "CHACHA20_POLY1305" -> mac == null;
            case "AES_128_GCM", "AES_256_GCM" -> mac != null && !mac.equals("SHA");
            case "3DES_EDE_CBC" -> "SHA".equals(mac);
            default -> mac != null;
        };
        if (!valid) {
            return null;
        }
        return "TLS_" + exchange + "_WITH_" + cipher + "_" + (mac == null ? "SHA256" : mac);
    }
}
