package io.isengard.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keys written by openssl in each PEM form must decode to the key that
 * openssl itself converts to PKCS#8 DER, and must match the public key that
 * openssl derives from them.
 */
class PemPrivateKeysTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void keys() throws Exception {
        OpenSsl.run(dir, "genrsa", "-traditional", "-out", "rsa-pkcs1.pem", "2048");
        OpenSsl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa-pkcs8.pem");
        // "ecparam -genkey" writes an "EC PARAMETERS" block before the "EC PRIVATE KEY" one.
        OpenSsl.run(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "ec-p256-sec1.pem");
        OpenSsl.run(dir, "ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "ec-p384-sec1.pem");
        OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                "ec-pkcs8.pem");
        OpenSsl.run(dir, "genpkey", "-algorithm", "ED25519", "-out", "ed25519-pkcs8.pem");
    }

    private static PrivateKey decode(String file) throws Exception {
        List<Pem.Block> keys = Pem.read(dir.resolve(file)).stream().filter(PemPrivateKeys::isPrivateKey).toList();
        assertThat(keys).hasSize(1);
        return PemPrivateKeys.decode(keys.get(0));
    }

    @ParameterizedTest
    @CsvSource({"rsa-pkcs1.pem, RSA PRIVATE KEY, RSA", "rsa-pkcs8.pem, PRIVATE KEY, RSA",
        "ec-p256-sec1.pem, EC PRIVATE KEY, EC", "ec-p384-sec1.pem, EC PRIVATE KEY, EC",
        "ec-pkcs8.pem, PRIVATE KEY, EC", "ed25519-pkcs8.pem, PRIVATE KEY, Ed25519"})
    void decodesAsOpensslSees(String file, String label, String algorithm) throws Exception {
        assertThat(Files.readString(dir.resolve(file))).contains("-----BEGIN " + label + "-----");
        PrivateKey key = decode(file);

        String base = file.replace(".pem", "");
        OpenSsl.run(dir, "pkcs8", "-topk8", "-nocrypt", "-in", file, "-outform", "DER", "-out", base + ".p8.der");
        OpenSsl.run(dir, "pkey", "-in", file, "-pubout", "-outform", "DER", "-out", base + ".pub.der");
        KeyFactory factory = KeyFactory.getInstance(algorithm);
        PrivateKey expected = factory.generatePrivate(
                new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve(base + ".p8.der"))));
        PublicKey publicKey = factory.generatePublic(
                new X509EncodedKeySpec(Files.readAllBytes(dir.resolve(base + ".pub.der"))));

        switch (key) {
            case RSAPrivateCrtKey rsa -> {
                RSAPrivateCrtKey e = (RSAPrivateCrtKey) expected;
                assertThat(rsa.getModulus()).isEqualTo(e.getModulus());
                assertThat(rsa.getPrivateExponent()).isEqualTo(e.getPrivateExponent());
                assertThat(rsa.getPrimeP()).isEqualTo(e.getPrimeP());
            }
            case ECPrivateKey ec -> {
                ECPrivateKey e = (ECPrivateKey) expected;
                assertThat(ec.getS()).isEqualTo(e.getS());
                assertThat(ec.getParams().getCurve()).isEqualTo(e.getParams().getCurve());
            }
            default -> assertThat(key.getEncoded()).isEqualTo(expected.getEncoded());
        }
        assertThat(CertificateChain.matches(key, publicKey)).isTrue();
    }

    @Test
    void aKeyDoesNotMatchAnotherPublicKey() throws Exception {
        OpenSsl.run(dir, "pkey", "-in", "rsa-pkcs8.pem", "-pubout", "-outform", "DER", "-out", "other-rsa.pub.der");
        OpenSsl.run(dir, "pkey", "-in", "ec-pkcs8.pem", "-pubout", "-outform", "DER", "-out", "other-ec.pub.der");
        PublicKey rsa = KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Files.readAllBytes(dir.resolve("other-rsa.pub.der"))));
        PublicKey ec = KeyFactory.getInstance("EC").generatePublic(
                new X509EncodedKeySpec(Files.readAllBytes(dir.resolve("other-ec.pub.der"))));
        assertThat(CertificateChain.matches(decode("rsa-pkcs1.pem"), rsa)).isFalse();
        assertThat(CertificateChain.matches(decode("ec-p256-sec1.pem"), ec)).isFalse();
        assertThat(CertificateChain.matches(decode("ec-p256-sec1.pem"), rsa)).isFalse();
        assertThat(CertificateChain.matches(decode("rsa-pkcs8.pem"), rsa)).isTrue();
    }

    @Test
    void encryptedKeysAreRefusedWithAHint() throws Exception {
        OpenSsl.run(dir, "genrsa", "-traditional", "-aes128", "-passout", "pass:secret", "-out", "rsa-enc1.pem",
                "2048");
        OpenSsl.run(dir, "pkcs8", "-topk8", "-in", "rsa-pkcs8.pem", "-passout", "pass:secret", "-out",
                "rsa-enc8.pem");
        for (String file : List.of("rsa-enc1.pem", "rsa-enc8.pem")) {
            assertThatThrownBy(() -> decode(file)).isInstanceOf(PemException.class)
                    .hasMessageContaining("encrypted").hasMessageContaining("openssl pkey");
        }
    }

    @Test
    void unsupportedAndDamagedKeysAreNamed() throws Exception {
        assertThatThrownBy(() -> PemPrivateKeys.decode(new Pem.Block("DSA PRIVATE KEY", false, new byte[] {1})))
                .isInstanceOf(PemException.class).hasMessageContaining("DSA PRIVATE KEY");
        assertThatThrownBy(() -> PemPrivateKeys.decode(new Pem.Block("RSA PRIVATE KEY", false, new byte[] {0x30, 3,
            2, 1, 0})))
                .isInstanceOf(PemException.class).hasMessageContaining("RSA");
        assertThatThrownBy(() -> PemPrivateKeys.decode(new Pem.Block("PRIVATE KEY", false, new byte[] {0x30, 0x7f})))
                .isInstanceOf(PemException.class).hasMessageContaining("PRIVATE KEY");
        // SEC1 without the curve: nothing says which curve the number belongs to.
        byte[] noCurve = Der.encode(Der.SEQUENCE, Der.smallInteger(1), Der.encode(Der.OCTET_STRING, new byte[32]));
        assertThatThrownBy(() -> PemPrivateKeys.decode(new Pem.Block("EC PRIVATE KEY", false, noCurve)))
                .isInstanceOf(PemException.class).hasMessageContaining("curve");
    }
}
