package io.isengard.server.peers;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.tls.Pem;
import io.isengard.server.tls.PemException;
import io.isengard.server.tls.PemPrivateKeys;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of a request to a peer (peers.md §3): the peer's certificate
 * checked against "HttpsCACertificates" (or the JDK's trust store), host name
 * included, unless "HttpsVerifyPeers" is false; the peer's client certificate
 * ("CertificateFile", "CertificateKeyFile", "CertificateKeyPassword").
 */
final class PeerTls {
    private PeerTls() {}

    static SSLContext context(OrthancPeer peer, OutgoingHttp http) {
        if (peer.pkcs11()) {
            throw new OrthancException(ErrorCode.NotImplemented, peer
                    + ": \"Pkcs11\" client certificates (smart cards) are not supported by Isengard");
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(peer), trustManagers(http), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new OrthancException(ErrorCode.SslInitialization, peer + ": cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(OutgoingHttp http) throws GeneralSecurityException {
        if (!http.verifyPeers()) {
            return new TrustManager[] {TRUST_ANY};
        }
        if (http.caCertificates() == null) {
            return null; // the JDK's default trust store
        }
        List<X509Certificate> authorities;
        try {
            authorities = Pem.certificates(Pem.read(http.caCertificates()));
        } catch (PemException e) {
            throw new OrthancException(ErrorCode.SslInitialization, "\"HttpsCACertificates\" "
                    + http.caCertificates() + ": " + e.getMessage(), e);
        }
        if (authorities.isEmpty()) {
            throw new OrthancException(ErrorCode.SslInitialization, "\"HttpsCACertificates\" "
                    + http.caCertificates() + " holds no certificate; expected PEM \"CERTIFICATE\" blocks");
        }
        KeyStore store = emptyStore();
        for (int i = 0; i < authorities.size(); i++) {
            store.setCertificateEntry("ca" + i, authorities.get(i));
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        return f.getTrustManagers();
    }

    private static KeyManager[] keyManagers(OrthancPeer peer) throws GeneralSecurityException {
        if (peer.certificateFile().isEmpty()) {
            return null;
        }
        Path certificateFile = Path.of(peer.certificateFile());
        Path keyFile = peer.certificateKeyFile().isEmpty() ? certificateFile : Path.of(peer.certificateKeyFile());
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = Pem.certificates(Pem.read(certificateFile));
            if (chain.isEmpty()) {
                throw new PemException("no \"CERTIFICATE\" block in " + certificateFile);
            }
            Pem.Block keyBlock = Pem.read(keyFile).stream().filter(PemPrivateKeys::isPrivateKey).findFirst()
                    .orElseThrow(() -> new PemException("no private key block in " + keyFile));
            key = PemPrivateKeys.decode(keyBlock, peer.certificateKeyPassword().toCharArray());
        } catch (PemException e) {
            throw new OrthancException(ErrorCode.SslInitialization, peer + ": the client certificate can't be used: "
                    + e.getMessage(), e);
        }
        KeyStore store = emptyStore();
        char[] none = new char[0];
        store.setKeyEntry("client", key, none, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        f.init(store, none);
        return f.getKeyManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    /**
     * "HttpsVerifyPeers": false. An extended trust manager, so that the JDK
     * does not check the host name either (it does that inside the trust
     * manager).
     */
    private static final X509ExtendedTrustManager TRUST_ANY = new X509ExtendedTrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };
}
