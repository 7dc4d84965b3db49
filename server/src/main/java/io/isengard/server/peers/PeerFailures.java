package io.isengard.server.peers;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * What went wrong talking to a peer, in words a user can act on (Orthanc
 * only relays libcurl's text, e.g. "Couldn't connect to server").
 */
final class PeerFailures {
    private PeerFailures() {}

    /** A transport error of {@code method url}. */
    static String describe(OrthancPeer peer, String what, IOException e) {
        return peer + ": " + what + ": " + cause(e);
    }

    private static String cause(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within the timeout (\"Timeout\" of the peer or \"HttpTimeout\")";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within the timeout (\"Timeout\" of the peer or \"HttpTimeout\")";
        }
        if (has(e, UnknownHostException.class) || has(e, UnresolvedAddressException.class)) {
            return "the host name can't be resolved";
        }
        if (has(e, CertificateExpiredException.class)) {
            return "TLS failure: a certificate has expired (" + rootMessage(e) + ")";
        }
        if (has(e, CertificateNotYetValidException.class)) {
            return "TLS failure: a certificate is not valid yet (" + rootMessage(e) + ")";
        }
        if (has(e, CertPathValidatorException.class) || has(e, sun(e, "SunCertPathBuilderException"))) {
            return "TLS failure: the peer's certificate is not signed by a trusted authority (check"
                    + " \"HttpsCACertificates\", or set \"HttpsVerifyPeers\" to false): " + rootMessage(e);
        }
        String text = allMessages(e).toLowerCase(Locale.ROOT);
        if (text.contains("no subject alternative") || text.contains("no name matching")) {
            return "TLS failure: the peer's certificate is not for this host name: " + rootMessage(e);
        }
        if (text.contains("certificate_required") || text.contains("bad_certificate")
                || text.contains("unknown_ca") || text.contains("certificate_unknown")
                || text.contains("handshake_failure") && has(e, SSLException.class)) {
            return "TLS failure: the peer refused our client certificate, or wants one and none is configured"
                    + " (\"CertificateFile\", \"CertificateKeyFile\" of the peer): " + rootMessage(e);
        }
        if (has(e, SSLHandshakeException.class) || has(e, SSLException.class)) {
            return "TLS failure: " + rootMessage(e);
        }
        if (has(e, ConnectException.class)) {
            return "Couldn't connect to server (connection refused or host unreachable: is the peer running,"
                    + " is its URL right?)";
        }
        return "network error: " + rootMessage(e);
    }

    /** Whether this is worth another try: not a TLS or configuration problem that another try won't fix. */
    static boolean worthRetrying(IOException e) {
        return !has(e, SSLException.class) && !has(e, UnknownHostException.class)
                && !has(e, UnresolvedAddressException.class);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable> sun(Throwable e, String simpleName) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals(simpleName)) {
                return t.getClass();
            }
        }
        return NeverThrown.class;
    }

    private static final class NeverThrown extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isEmpty() ? t.getClass().getSimpleName() : m;
    }

    private static String allMessages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
