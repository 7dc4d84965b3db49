package io.isengard.server.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * A private key and its certificate chain (leaf first), as read from one PEM
 * file holding both, as Orthanc's "SslCertificate" does. The blocks may come
 * in any order; the leaf is the certificate whose public key matches the
 * private key, and the chain follows issuers among the other certificates.
 */
public record CertificateChain(PrivateKey key, List<X509Certificate> chain) {

    public static CertificateChain read(java.nio.file.Path file) throws PemException {
        List<Pem.Block> blocks = Pem.read(file);
        List<X509Certificate> certificates = Pem.certificates(blocks);
        List<Pem.Block> keys = blocks.stream().filter(PemPrivateKeys::isPrivateKey).toList();
        if (keys.isEmpty() && certificates.isEmpty()) {
            throw new PemException("the file holds no PEM certificate nor private key");
        }
        if (keys.isEmpty()) {
            throw new PemException("the file holds no private key");
        }
        if (keys.size() > 1) {
            throw new PemException("the file holds " + keys.size() + " private keys; expected one");
        }
        if (certificates.isEmpty()) {
            throw new PemException("the file holds no certificate");
        }
        PrivateKey key = PemPrivateKeys.decode(keys.get(0));
        X509Certificate leaf = null;
        for (X509Certificate c : certificates) {
            if (matches(key, c.getPublicKey())) {
                leaf = c;
                break;
            }
        }
        if (leaf == null) {
            throw new PemException("the private key belongs to none of its " + certificates.size()
                    + " certificate(s) (first one: " + certificates.get(0).getSubjectX500Principal() + ")");
        }
        return new CertificateChain(key, chainFrom(leaf, certificates));
    }

    private static List<X509Certificate> chainFrom(X509Certificate leaf, List<X509Certificate> all) {
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        X509Certificate current = leaf;
        while (!current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
            X500Principal issuer = current.getIssuerX500Principal();
            X509Certificate next = all.stream()
                    .filter(c -> !chain.contains(c) && c.getSubjectX500Principal().equals(issuer))
                    .findFirst().orElse(null);
            if (next == null) {
                break;
            }
            chain.add(next);
            current = next;
        }
        return List.copyOf(chain);
    }

    /** Whether the private key is the one of {@code publicKey}: same RSA modulus, or a signature that verifies. */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())
                && !(key.getAlgorithm().startsWith("Ed") && publicKey.getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        if (key instanceof RSAKey rk && publicKey instanceof RSAKey pk) {
            return rk.getModulus().equals(pk.getModulus());
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> key.getAlgorithm().startsWith("Ed") ? "EdDSA" : key.getAlgorithm();
        };
        try {
            byte[] challenge = "isengard key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
