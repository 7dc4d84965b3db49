package io.isengard.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
    @TempDir
    Path dir;

    @Test
    void blocksAmongOtherTextWithAnyLineEnding() throws Exception {
        String text = "Bag Attributes\r\n    friendlyName: server\r\n-----BEGIN CERTIFICATE-----\r\nAAEC\r\nAw==\r\n"
                + "-----END CERTIFICATE-----\r\nsubject=CN = x\n-----BEGIN PRIVATE KEY-----\nBAU=\n"
                + "-----END PRIVATE KEY-----\n";
        List<Pem.Block> blocks = Pem.parse(text);
        assertThat(blocks).extracting(Pem.Block::label).containsExactly("CERTIFICATE", "PRIVATE KEY");
        assertThat(blocks.get(0).der()).containsExactly(0, 1, 2, 3);
        assertThat(blocks.get(1).der()).containsExactly(4, 5);
        assertThat(blocks).noneMatch(Pem.Block::hasHeaders);
    }

    @Test
    void brokenBlocksAreNamed() {
        assertThatThrownBy(() -> Pem.parse("-----BEGIN CERTIFICATE-----\nAAEC\n"))
                .isInstanceOf(PemException.class).hasMessageContaining("no END");
        assertThatThrownBy(() -> Pem.parse("-----BEGIN CERTIFICATE-----\nAAEC\n-----END PRIVATE KEY-----\n"))
                .isInstanceOf(PemException.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> Pem.parse("-----BEGIN CERTIFICATE-----\nA*EC\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(PemException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> Pem.certificates(Pem.parse(
                "-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n")))
                .isInstanceOf(PemException.class).hasMessageContaining("certificate #1");
    }

    @Test
    void aMissingFileSaysSo() {
        assertThatThrownBy(() -> Pem.read(dir.resolve("absent.pem"))).isInstanceOf(PemException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void certificateChainsAreOrderedFromTheLeaf() throws Exception {
        OpenSsl.run(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=Root");
        OpenSsl.run(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "mid.key", "-out", "mid.csr", "-subj",
                "/CN=Intermediate");
        java.nio.file.Files.writeString(dir.resolve("ca.ext"), "basicConstraints=critical,CA:TRUE\n");
        OpenSsl.run(dir, "x509", "-req", "-in", "mid.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "ca.ext", "-out", "mid.pem");
        OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "leaf.key");
        OpenSsl.run(dir, "req", "-new", "-key", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=Leaf");
        OpenSsl.run(dir, "x509", "-req", "-in", "leaf.csr", "-CA", "mid.pem", "-CAkey", "mid.key",
                "-CAcreateserial", "-days", "2", "-out", "leaf.pem");
        StringBuilder bundle = new StringBuilder();
        for (String f : List.of("ca.pem", "leaf.key", "mid.pem", "leaf.pem")) {
            bundle.append(java.nio.file.Files.readString(dir.resolve(f)));
        }
        java.nio.file.Files.writeString(dir.resolve("bundle.pem"), bundle);
        CertificateChain chain = CertificateChain.read(dir.resolve("bundle.pem"));
        assertThat(chain.chain()).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=Leaf", "CN=Intermediate", "CN=Root");
        assertThat(chain.key().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void oidsRoundTrip() {
        for (String oid : List.of("1.2.840.113549.1.1.1", "1.2.840.10045.2.1", "1.3.132.0.34", "2.999.1234567")) {
            assertThat(Der.parse(Der.oid(oid)).oid()).isEqualTo(oid);
        }
    }
}
