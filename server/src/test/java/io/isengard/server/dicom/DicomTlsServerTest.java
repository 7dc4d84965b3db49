package io.isengard.server.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.TestServer;
import io.isengard.server.rest.TestCertificates;
import io.isengard.server.testing.DcmtkTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DicomTlsEnabled with PEM files made by openssl: echoscu over TLS with a
 * client certificate the trusted file vouches for succeeds; a stranger's
 * certificate and plain TCP are refused.
 */
@Timeout(120)
class DicomTlsServerTest {
    @TempDir
    Path dir;

    @Test
    void echoscuOverDicomTls() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        String config = """
                "DicomTlsEnabled": true, "DicomTlsCertificate": "%s", "DicomTlsPrivateKey": "%s",
                "DicomTlsTrustedCertificates": "%s\"""".formatted(certs.file("rsa8.crt"), certs.file("rsa8.key"),
                certs.file("trusted.pem"));
        try (TestServer server = TestServer.start(config)) {
            String port = Integer.toString(server.dicomPort());
            DcmtkTools.Result ok = DcmtkTools.run(dir, 30, "echoscu", "-v", "+tls",
                    certs.file("client.key").toString(), certs.file("client.crt").toString(), "+cf",
                    certs.file("ca.pem").toString(), "127.0.0.1", port).assertSuccess();
            assertThat(ok.output()).contains("Received Echo Response (Success)");

            DcmtkTools.Result stranger = DcmtkTools.run(dir, 30, "echoscu", "-v", "+tls",
                    certs.file("stranger.key").toString(), certs.file("stranger.crt").toString(), "+cf",
                    certs.file("ca.pem").toString(), "127.0.0.1", port);
            assertThat(stranger.output()).doesNotContain("Received Echo Response");

            DcmtkTools.Result plain = DcmtkTools.run(dir, 30, "echoscu", "-v", "127.0.0.1", port);
            assertThat(plain.output()).doesNotContain("Received Echo Response");
        }
    }
}
