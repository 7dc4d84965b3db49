package io.isengard.server.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;

/**
 * Private keys of PEM files, with the JDK alone: PKCS#8 ("PRIVATE KEY") is
 * what the JDK reads; the "traditional" OpenSSL forms, PKCS#1 ("RSA PRIVATE
 * KEY") and SEC1 ("EC PRIVATE KEY"), are wrapped into PKCS#8 first.
 */
public final class PemPrivateKeys {
    static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

    /** PKCS#8 algorithm identifiers → JDK key factory names. */
    private static final Map<String, String> ALGORITHMS = Map.of(
            RSA_ENCRYPTION, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            EC_PUBLIC_KEY, "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.2.840.10040.4.1", "DSA");

    private PemPrivateKeys() {}

    /** Whether a block holds a private key, in a form this class reads or not. */
    public static boolean isPrivateKey(Pem.Block b) {
        return b.label().endsWith("PRIVATE KEY");
    }

    /** The private key of a block whose label ends with "PRIVATE KEY". */
    public static PrivateKey decode(Pem.Block block) throws PemException {
        String label = block.label();
        if (label.equals("ENCRYPTED PRIVATE KEY") || block.hasHeaders()) {
            throw new PemException("the private key is encrypted (\"" + label
                    + "\"); expected an unencrypted key (e.g. \"openssl pkey -in KEY -out PLAIN\")");
        }
        try {
            return switch (label) {
                case "PRIVATE KEY" -> fromPkcs8(block.der());
                case "RSA PRIVATE KEY" -> fromPkcs8(pkcs8(Der.encode(Der.SEQUENCE, Der.oid(RSA_ENCRYPTION),
                        Der.encode(Der.NULL)), block.der()));
                case "EC PRIVATE KEY" -> fromPkcs8(pkcs8(Der.encode(Der.SEQUENCE, Der.oid(EC_PUBLIC_KEY),
                        sec1Curve(block.der())), block.der()));
                default -> throw new PemException("private keys of type \"" + label
                        + "\" are not supported; expected \"PRIVATE KEY\" (PKCS#8), \"RSA PRIVATE KEY\" (PKCS#1)"
                        + " or \"EC PRIVATE KEY\" (SEC1)");
            };
        } catch (IllegalArgumentException e) {
            throw new PemException("the \"" + label + "\" block is not a valid key structure (" + e.getMessage()
                    + ")", e);
        }
    }

    /**
     * Like {@link #decode(Pem.Block)}, and an "ENCRYPTED PRIVATE KEY" (PKCS#8
     * encrypted, as "openssl genpkey -aes256" or "openssl pkcs8 -topk8" write
     * it) is decrypted with {@code password}.
     */
    public static PrivateKey decode(Pem.Block block, char[] password) throws PemException {
        if (!block.label().equals("ENCRYPTED PRIVATE KEY")) {
            return decode(block);
        }
        if (password == null || password.length == 0) {
            throw new PemException("the private key is encrypted and no password is given");
        }
        byte[] plain;
        try {
            javax.crypto.EncryptedPrivateKeyInfo info = new javax.crypto.EncryptedPrivateKeyInfo(block.der());
            // PBES2 (OpenSSL's default) names its real algorithm in its parameters, e.g. PBEWithHmacSHA256AndAES_256.
            String algorithm = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
            if (!algorithm.startsWith("PBE")) {
                algorithm = info.getAlgName();
            }
            javax.crypto.SecretKeyFactory factory = javax.crypto.SecretKeyFactory.getInstance(algorithm);
            javax.crypto.SecretKey secret = factory.generateSecret(new javax.crypto.spec.PBEKeySpec(password));
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance(algorithm);
            cipher.init(javax.crypto.Cipher.DECRYPT_MODE, secret, info.getAlgParameters());
            plain = info.getKeySpec(cipher).getEncoded();
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new PemException("the encrypted private key can't be decrypted: wrong password, or an encryption"
                    + " the JDK does not know (" + e.getMessage() + ")", e);
        }
        return fromPkcs8(plain);
    }

    private static byte[] pkcs8(byte[] algorithmIdentifier, byte[] key) {
        return Der.encode(Der.SEQUENCE, Der.smallInteger(0), algorithmIdentifier, Der.encode(Der.OCTET_STRING, key));
    }

    /**
     * The named curve of a SEC1 ECPrivateKey: SEQUENCE { version, privateKey,
     * [0] parameters OPTIONAL, [1] publicKey OPTIONAL }. OpenSSL always writes
     * the parameters; a key without them can't say its curve.
     */
    private static byte[] sec1Curve(byte[] der) throws PemException {
        Der.Element key = Der.parse(der);
        if (key.tag() != Der.SEQUENCE) {
            throw new IllegalArgumentException("an EC private key must be a SEQUENCE");
        }
        for (Der.Element e : key.children()) {
            if (e.tag() == 0xA0) {
                List<Der.Element> params = e.children();
                if (params.size() != 1 || params.get(0).tag() != Der.OID) {
                    throw new PemException("the EC private key does not name its curve (explicit curve parameters"
                            + " are not supported); expected a named curve such as prime256v1");
                }
                return Der.reencode(params.get(0));
            }
        }
        throw new PemException("the EC private key does not name its curve; expected a SEC1 key with parameters,"
                + " as \"openssl ecparam -genkey\" or \"openssl ec\" write");
    }

    private static PrivateKey fromPkcs8(byte[] der) throws PemException {
        Der.Element info = Der.parse(der);
        List<Der.Element> parts = info.tag() == Der.SEQUENCE ? info.children() : List.of();
        if (parts.size() < 3 || parts.get(1).tag() != Der.SEQUENCE || parts.get(1).children().isEmpty()) {
            throw new IllegalArgumentException("a PKCS#8 key is SEQUENCE { version, algorithm, key }");
        }
        String oid = parts.get(1).children().get(0).oid();
        String algorithm = ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new PemException("the private key's algorithm " + oid
                    + " is not supported; expected an RSA, EC, Ed25519, Ed448 or DSA key");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new PemException("the " + algorithm + " private key can't be read (" + e.getMessage() + ")", e);
        }
    }
}
