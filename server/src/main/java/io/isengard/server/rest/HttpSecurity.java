package io.isengard.server.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Remote access and HTTP Basic authentication (rest-core.md §1). */
final class HttpSecurity {
    static final String REALM = "Basic realm=\"Orthanc Secure Area\"";

    private final boolean remoteAccessAllowed;
    private final boolean authenticationEnabled;
    /** base64("user:password") → user: Orthanc compares the credentials in their encoded form. */
    private final Map<String, String> tokens = new LinkedHashMap<>();

    HttpSecurity(HttpSettings settings) {
        this.remoteAccessAllowed = settings.remoteAccessAllowed();
        this.authenticationEnabled = settings.authenticationEnabled();
        settings.users().forEach((user, password) -> tokens.put(
                Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), user));
    }

    /** False if the client is remote and remote access is not allowed. */
    boolean isAllowedAddress(String remoteAddress) {
        // Both sides always evaluated (|, not ||): the warm-up's scratch server refuses remote access
        // and its clients are local, so a branch on the setting would be one the optimised request
        // path never took, and a server allowing remote access would throw that code away at its
        // first request.
        return remoteAccessAllowed | isLoopback(remoteAddress);
    }

    /**
     * Orthanc accepts exactly 127.0.0.1, not the rest of 127.0.0.0/8 (other
     * local addresses may be NAT or container bridges); ::1 is accepted too
     * since it can only be this host.
     */
    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        return a.equals("127.0.0.1") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * The user authenticated by an Authorization header: "" when
     * authentication is off, null when it is on and the credentials are
     * missing or wrong. As in Orthanc, the header must be exactly "Basic "
     * followed by the base64 of "user:password" (scheme case and padding
     * included).
     */
    String authenticate(String authorization) {
        if (!authenticationEnabled) {
            return "";
        }
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        byte[] presented = authorization.substring(6).getBytes(StandardCharsets.UTF_8);
        String user = null;
        // Compare with every user, in constant time: the answer must not tell how much was right.
        for (Map.Entry<String, String> e : tokens.entrySet()) {
            if (MessageDigest.isEqual(e.getKey().getBytes(StandardCharsets.UTF_8), presented)) {
                user = e.getValue();
            }
        }
        return user;
    }
}
