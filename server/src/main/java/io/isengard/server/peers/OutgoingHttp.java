package io.isengard.server.peers;

import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The global options of outgoing HTTP (peers.md §1.2): timeout, TLS
 * verification and its authorities, proxy.
 *
 * @param timeoutSeconds "HttpTimeout"; 0 means 60 s, as in Orthanc
 * @param verifyPeers "HttpsVerifyPeers"
 * @param caCertificates "HttpsCACertificates", null for the JDK's default trust store
 * @param proxy "HttpProxy", "" for none
 */
public record OutgoingHttp(int timeoutSeconds, boolean verifyPeers, Path caCertificates, String proxy) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;

    public static OutgoingHttp of(OrthancConfiguration config) {
        int timeout = config.getUnsignedInt("HttpTimeout", DEFAULT_TIMEOUT_SECONDS);
        boolean verify = config.getBoolean("HttpsVerifyPeers", true);
        String ca = config.getString("HttpsCACertificates", "");
        Path caPath = null;
        if (!ca.isEmpty()) {
            caPath = config.resolve(ca);
            if (!Files.isRegularFile(caPath)) {
                throw new OrthancException(ErrorCode.InexistentFile,
                        "\"HttpsCACertificates\" names a file that does not exist: " + caPath);
            }
        }
        String proxy = config.getString("HttpProxy", "");
        ProxyAddress.parse(proxy); // a bad proxy stops the startup
        return new OutgoingHttp(timeout, verify, caPath, proxy);
    }

    /** Defaults: 60 s, verified TLS against the JDK's trust store, no proxy. */
    public static OutgoingHttp defaults() {
        return new OutgoingHttp(DEFAULT_TIMEOUT_SECONDS, true, null, "");
    }

    /** The timeout of a peer: its own "Timeout", else "HttpTimeout", and 0 there means 60 s. */
    public int timeoutFor(OrthancPeer peer) {
        if (peer.timeoutSeconds() > 0) {
            return peer.timeoutSeconds();
        }
        return timeoutSeconds > 0 ? timeoutSeconds : DEFAULT_TIMEOUT_SECONDS;
    }
}
