package io.isengard.server.tls;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS side of the HTTP server (config.md §3 "Ssl*" options), built and
 * checked before the server starts, so that a bad certificate stops the
 * startup with a message naming the file and what it should hold.
 */
public final class HttpsContext {
    private static final Logger LOG = LoggerFactory.getLogger(HttpsContext.class);

    /** Protocols of "SslMinimumProtocolVersion" 0..5, the civetweb "ssl_protocol_version" scale. */
    private static final List<String> PROTOCOLS = List.of("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2",
            "TLSv1.3");

    /** The HTTPS options, with paths already resolved against the configuration folder. */
    public record Options(Path certificate, int minimumProtocolVersion, List<String> ciphersAccepted,
            boolean verifyPeers, Path trustedClientCertificates) {
    }

    private HttpsContext() {}

    public static SslContextFactory.Server create(Options o) {
        if (o.minimumProtocolVersion() < 0 || o.minimumProtocolVersion() > 5) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange, "The configuration option"
                    + " \"SslMinimumProtocolVersion\" must be between 0 and 5, not " + o.minimumProtocolVersion());
        }
        CertificateChain credentials;
        try {
            credentials = CertificateChain.read(o.certificate());
        } catch (PemException e) {
            throw failure("SslCertificate", o.certificate(), e,
                    "a PEM file holding the server certificate (and its chain) and its private key");
        }
        List<X509Certificate> trusted = List.of();
        if (o.verifyPeers()) {
            try {
                trusted = Pem.certificates(Pem.read(o.trustedClientCertificates()));
            } catch (PemException e) {
                throw failure("SslTrustedClientCertificates", o.trustedClientCertificates(), e,
                        "a PEM file of the client certificates, or of the authorities, to trust");
            }
            if (trusted.isEmpty()) {
                throw failure("SslTrustedClientCertificates", o.trustedClientCertificates(),
                        new PemException("the file holds no certificate"),
                        "a PEM file of the client certificates, or of the authorities, to trust");
            }
        }
        SSLContext context = sslContext(credentials, trusted);

        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(context);
        // Clients are not identified by host name; client certificates are checked against the trust list only.
        factory.setEndpointIdentificationAlgorithm(null);
        List<String> protocols = PROTOCOLS.subList(o.minimumProtocolVersion(), PROTOCOLS.size());
        factory.setIncludeProtocols(protocols.toArray(String[]::new));
        if (o.minimumProtocolVersion() < 4) {
            // Jetty excludes SSLv3 and SSLv2Hello by default: the configuration asked for them.
            factory.setExcludeProtocols();
            LOG.warn("SslMinimumProtocolVersion {} asks for protocols older than TLS 1.2: the Java runtime only"
                    + " offers those that its \"jdk.tls.disabledAlgorithms\" security property allows",
                    o.minimumProtocolVersion());
        }
        if (o.ciphersAccepted() != null) {
            factory.setExcludeCipherSuites();
            factory.setIncludeCipherSuites(cipherSuites(o.ciphersAccepted(), context).toArray(String[]::new));
        }
        if (o.verifyPeers()) {
            factory.setNeedClientAuth(true);
        }
        return factory;
    }

    /** An SSL context with these credentials, trusting {@code trusted} (the runtime's defaults when empty). */
    public static SSLContext sslContext(CertificateChain credentials, List<X509Certificate> trusted) {
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", credentials.key(), password,
                    credentials.chain().toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            TrustManager[] trustManagers = null;
            if (!trusted.isEmpty()) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                for (int i = 0; i < trusted.size(); i++) {
                    trust.setCertificateEntry("trusted-" + i, trusted.get(i));
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                trustManagers = tmf.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trustManagers, null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new OrthancException(ErrorCode.SslInitialization,
                    "the Java runtime refused the certificate or key (" + e + ")", e);
        }
    }

    /**
     * The JDK names of the configured ciphers. As with OpenSSL, the list only
     * governs TLS 1.2 and older: TLS 1.3 suites stay at the runtime's defaults
     * unless the list names some itself.
     */
    private static List<String> cipherSuites(List<String> configured, SSLContext context) {
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
        Set<String> chosen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : configured) {
            String iana = CipherSuiteNames.toIana(name);
            if (iana != null && supported.contains(iana)) {
                chosen.add(iana);
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            LOG.warn("SslCiphersAccepted: ignoring ciphers that the Java runtime does not offer: {}", unknown);
        }
        if (chosen.isEmpty()) {
            throw new OrthancException(ErrorCode.SslInitialization, "none of the ciphers of the configuration option"
                    + " \"SslCiphersAccepted\" is available; expected OpenSSL names such as"
                    + " \"ECDHE-RSA-AES128-GCM-SHA256\" or IANA names such as \"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\"");
        }
        if (chosen.stream().noneMatch(HttpsContext::isTls13Suite)) {
            Arrays.stream(context.getDefaultSSLParameters().getCipherSuites()).filter(HttpsContext::isTls13Suite)
                    .forEach(chosen::add);
        }
        return List.copyOf(chosen);
    }

    private static boolean isTls13Suite(String suite) {
        return suite.startsWith("TLS_") && !suite.contains("_WITH_") && !suite.startsWith("TLS_EMPTY");
    }

    private static OrthancException failure(String option, Path file, PemException e, String expected) {
        return new OrthancException(ErrorCode.SslInitialization, "the file " + file + " (configuration option \""
                + option + "\") must be " + expected + ", but " + e.getMessage(), e);
    }
}
