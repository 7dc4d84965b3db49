package io.isengard.server.modalities;

import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.tls.Pem;
import io.isengard.server.tls.PemException;
import io.isengard.server.tls.PemPrivateKeys;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of SCU associations to modalities with "UseDicomTls"
 * (modalities.md §9): our certificate and key ("DicomTlsCertificate",
 * "DicomTlsPrivateKey"), the trusted remote certificates
 * ("DicomTlsTrustedCertificates"). Built when first needed, so that a
 * configuration without DICOM TLS starts without these files.
 */
public final class DicomTlsClient {
    private final Path certificate;
    private final Path privateKey;
    private final Path trusted;
    private final ReentrantLock lock = new ReentrantLock();
    private SSLContext context;

    private DicomTlsClient(Path certificate, Path privateKey, Path trusted) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.trusted = trusted;
    }

    public static DicomTlsClient of(OrthancConfiguration c) {
        return new DicomTlsClient(path(c, "DicomTlsCertificate"), path(c, "DicomTlsPrivateKey"),
                path(c, "DicomTlsTrustedCertificates"));
    }

    private static Path path(OrthancConfiguration c, String option) {
        String v = c.getString(option, null);
        return v == null || v.isEmpty() ? null : c.resolve(v);
    }

    /** The context; missing or bad files → error with the option to fix. */
    public SSLContext context() {
        lock.lock();
        try {
            if (context == null) {
                context = build();
            }
            return context;
        } finally {
            lock.unlock();
        }
    }

    private SSLContext build() {
        if (certificate == null || privateKey == null || trusted == null) {
            throw new OrthancException(ErrorCode.BadFileFormat, "A modality uses DICOM TLS (\"UseDicomTls\"), so the"
                    + " options \"DicomTlsCertificate\", \"DicomTlsPrivateKey\" and \"DicomTlsTrustedCertificates\""
                    + " must be set");
        }
        try {
            List<X509Certificate> chain = Pem.certificates(Pem.read(certificate));
            PrivateKey key = null;
            for (Pem.Block b : Pem.read(privateKey)) {
                if (PemPrivateKeys.isPrivateKey(b)) {
                    key = PemPrivateKeys.decode(b);
                    break;
                }
            }
            if (key == null || chain.isEmpty()) {
                throw new PemException("no private key in " + privateKey + " or no certificate in " + certificate);
            }
            List<X509Certificate> trust = new ArrayList<>(Pem.certificates(Pem.read(trusted)));
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("dicom", key, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            for (int i = 0; i < trust.size(); i++) {
                trustStore.setCertificateEntry("trusted-" + i, trust.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ssl;
        } catch (PemException e) {
            throw new OrthancException(ErrorCode.BadFileFormat, "DICOM TLS: " + e.getMessage(), e);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new OrthancException(ErrorCode.InternalError, "DICOM TLS: the Java runtime refused the "
                    + "certificate or key (" + e + ")", e);
        }
    }
}
