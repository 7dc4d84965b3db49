package io.isengard.dicom.net.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.dicom.net.DicomServer;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.dicom.net.ServiceHandlers;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.dicom.net.testing.Dcmtk;
import io.isengard.dicom.net.testing.TestScp;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DICOM TLS with certificates made by openssl for the test: DCMTK's echoscu
 * against our server (client certificate required), our SCU against DCMTK's
 * storescp, and a client without an acceptable certificate refused.
 */
@Timeout(120)
class DicomTlsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void certificates() throws Exception {
        for (String name : List.of("server", "client", "stranger")) {
            openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                    "-keyout", dir.resolve(name + ".key").toString(), "-out", dir.resolve(name + ".crt").toString());
            openssl("pkcs12", "-export", "-passout", "pass:secret", "-inkey", dir.resolve(name + ".key").toString(),
                    "-in", dir.resolve(name + ".crt").toString(), "-out", dir.resolve(name + ".p12").toString());
        }
    }

    private void openssl(String... args) throws Exception {
        Path log = dir.resolve("openssl.log");
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            Assumptions.abort("openssl is not installed: " + e.getMessage());
            return;
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    }

    /** Our key pair {@code own}, trusting the certificate {@code trusted}. */
    private SSLContext context(String own, String trusted) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(own + ".p12"))) {
            keys.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "secret".toCharArray());
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve(trusted + ".crt"))) {
            trust.setCertificateEntry(trusted,
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private DicomServer tlsServer() throws Exception {
        return DicomServer.start(DicomServer.Config.of(0, TestScp.policy(), ServiceHandlers.echoOnly())
                .withTls(context("server", "client"), true));
    }

    @Test
    void echoscuOverTlsWithAClientCertificate() throws Exception {
        try (DicomServer server = tlsServer()) {
            Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-v", "-aec", TestScp.AE, "+tls",
                    dir.resolve("client.key").toString(), dir.resolve("client.crt").toString(), "+cf",
                    dir.resolve("server.crt").toString(), "127.0.0.1", Integer.toString(server.port()));
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("Received Echo Response (Success)");
        }
    }

    @Test
    void aClientWhoseCertificateIsNotTrustedIsRefused() throws Exception {
        try (DicomServer server = tlsServer()) {
            assertThatThrownBy(() -> Scu.open(Scu.Parameters.of("127.0.0.1", server.port(), "ME", TestScp.AE,
                    new PresentationContexts().add(PresentationContexts.VERIFICATION))
                    .withTls(context("stranger", "server")))).isInstanceOf(IOException.class);
            try (Scu trusted = Scu.open(Scu.Parameters.of("127.0.0.1", server.port(), "ME", TestScp.AE,
                    new PresentationContexts().add(PresentationContexts.VERIFICATION))
                    .withTls(context("client", "server")))) {
                assertThat(trusted.echo()).isEqualTo(Status.SUCCESS);
            }
        }
    }

    @Test
    void ourScuOverTlsToStorescp() throws Exception {
        int port = Dcmtk.freePort();
        try (Dcmtk.Peer storescp = Dcmtk.background("storescp", "-aet", "STORESCP", "+tls",
                dir.resolve("server.key").toString(), dir.resolve("server.crt").toString(), "+cf",
                dir.resolve("client.crt").toString(), "-od", dir.toString(), Integer.toString(port))) {
            Dcmtk.awaitListening(port, 10);
            try (Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", port, "ME", "STORESCP",
                    new PresentationContexts().add(PresentationContexts.VERIFICATION))
                    .withTls(context("client", "server")))) {
                assertThat(scu.echo()).as(storescp.output()).isEqualTo(Status.SUCCESS);
            }
        }
    }
}
