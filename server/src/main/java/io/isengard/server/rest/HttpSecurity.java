package io.isengard.server.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/** Remote access and HTTP Basic authentication (rest-core.md §1). */
final class HttpSecurity {
    static final String REALM = "Basic realm=\"Orthanc Secure Area\"";

    private final HttpSettings settings;

    HttpSecurity(HttpSettings settings) {
        this.settings = settings;
    }

    /** False if the client is remote and remote access is not allowed. */
    boolean isAllowedAddress(String remoteAddress) {
        return settings.remoteAccessAllowed() || isLoopback(remoteAddress);
    }

    private static boolean isLoopback(String address) {
        return "127.0.0.1".equals(address) || "0:0:0:0:0:0:0:1".equals(address) || "::1".equals(address);
    }

    /**
     * The user authenticated by an Authorization header: "" when
     * authentication is off, null when it is on and the credentials are
     * missing or wrong.
     */
    String authenticate(String authorization) {
        if (!settings.authenticationEnabled()) {
            return "";
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        Map<String, String> users = settings.users();
        String expected = users.get(user);
        if (expected == null) {
            return null;
        }
        // Constant-time comparison: the answer must not tell how much of the password was right.
        boolean ok = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        return ok ? user : null;
    }
}
