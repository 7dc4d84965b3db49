package io.isengard.server.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates and keys made with the openssl command line (an oracle
 * independent of the code under test): a server authority, server
 * certificates whose keys are in the PKCS#1, PKCS#8 and SEC1 forms, a client
 * authority with a client it signed, a self-signed client listed by name in
 * the trust file, and a stranger.
 */
public final class TestCertificates {
    static final String P12_PASSWORD = "test";

    final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        TestCertificates c = new TestCertificates(dir);
        c.generate();
        return c;
    }

    private void generate() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("server.ext"),
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                + "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
        Files.writeString(dir.resolve("client.ext"), "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
        authority("ca", "Isengard Test Server CA");
        authority("clientca", "Isengard Test Client CA");

        openssl("genrsa", "-traditional", "-out", "rsa1.key", "2048");
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa8.key");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.key");
        for (String k : new String[] {"rsa1", "rsa8", "ec"}) {
            signed(k, "ca", "server.ext", "localhost");
        }
        // Certificate chain and key in one file, as "SslCertificate" wants; the EC one starts with its key.
        bundle("server-rsa1.pem", "rsa1.crt", "ca.pem", "rsa1.key");
        bundle("server-rsa8.pem", "rsa8.crt", "ca.pem", "rsa8.key");
        bundle("server-ec.pem", "ec.key", "ec.crt", "ca.pem");

        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "client.key");
        signed("client", "clientca", "client.ext", "client");
        pkcs12("client");
        selfSigned("friend", "Friendly client");
        selfSigned("stranger", "Stranger");
        bundle("trusted.pem", "clientca.pem", "friend.crt");
    }

    private void authority(String name, String subject) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".pem",
                "-days", "2", "-subj", "/CN=" + subject, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private void signed(String name, String ca, String ext, String cn) throws IOException, InterruptedException {
        openssl("req", "-new", "-key", name + ".key", "-subj", "/CN=" + cn, "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial",
                "-days", "2", "-extfile", ext, "-out", name + ".crt");
    }

    private void selfSigned(String name, String subject) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".crt",
                "-days", "2", "-subj", "/CN=" + subject);
        pkcs12(name);
    }

    private void pkcs12(String name) throws IOException, InterruptedException {
        openssl("pkcs12", "-export", "-in", name + ".crt", "-inkey", name + ".key", "-out", name + ".p12",
                "-passout", "pass:" + P12_PASSWORD);
    }

    void bundle(String target, String... parts) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append(Files.readString(dir.resolve(p)));
        }
        Files.writeString(dir.resolve(target), sb.toString());
    }

    TestServers.Result openssl(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        return TestServers.run(dir, command).orThrow();
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** A client context trusting the server authority, presenting {@code clientP12} (or nothing when null). */
    SSLContext clientContext(String clientP12) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(file("ca.pem"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientP12 != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file(clientP12))) {
                keys.load(in, P12_PASSWORD.toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, P12_PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    X509Certificate certificate(String name) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file(name))));
    }
}
