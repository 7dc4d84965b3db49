package io.isengard.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSL cipher names → IANA names, checked against "openssl ciphers -stdname". */
class CipherSuiteNamesTest {
    @TempDir
    Path dir;

    @Test
    void agreesWithOpenssl() throws Exception {
        Map<String, String> openssl = new LinkedHashMap<>(); // OpenSSL name → IANA name
        for (String line : OpenSsl.run(dir, "ciphers", "-stdname", "ALL:@SECLEVEL=0").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[1].equals("-")) {
                openssl.put(f[2], f[0]);
            }
        }
        assertThat(openssl).hasSizeGreaterThan(30);
        Set<String> jdk = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        int translated = 0;
        for (Map.Entry<String, String> e : openssl.entrySet()) {
            String ours = CipherSuiteNames.toIana(e.getKey());
            if (ours != null) {
                assertThat(ours).as(e.getKey()).isEqualTo(e.getValue());
                translated++;
            } else {
                // What we can't translate must be something the JDK could not use anyway.
                assertThat(jdk).as(e.getKey() + " = " + e.getValue()).doesNotContain(e.getValue());
            }
        }
        assertThat(translated).isGreaterThan(20);
    }

    @Test
    void ianaNamesPassThroughAndNonsenseIsNull() {
        assertThat(CipherSuiteNames.toIana("TLS_AES_128_GCM_SHA256")).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(CipherSuiteNames.toIana("AES128-GCM-SHA256")).isEqualTo("TLS_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(CipherSuiteNames.toIana("ECDHE-RSA-AES128-GCM")).isNull();
        assertThat(CipherSuiteNames.toIana("ECDHE-RSA-CHACHA20-POLY1305-SHA256")).isNull();
        assertThat(CipherSuiteNames.toIana("nonsense")).isNull();
    }
}
