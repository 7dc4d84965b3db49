package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HTTP server options of config.md §3. */
public record HttpSettings(int port, List<String> bindAddresses, int threadsCount, boolean describeErrors,
        boolean keepAlive, int keepAliveTimeout, boolean remoteAccessAllowed, boolean authenticationEnabled,
        Map<String, String> users, boolean sslEnabled, Path sslCertificate, boolean sslVerifyPeers,
        Path sslTrustedClientCertificates, int sslMinimumProtocolVersion, long maximumRequestBodySize,
        boolean secure) {

    public static HttpSettings of(OrthancConfiguration c) {
        boolean remote = c.getBoolean("RemoteAccessAllowed", false);
        boolean auth = c.getBoolean("AuthenticationEnabled", remote);
        Map<String, String> users = new LinkedHashMap<>();
        JsonNode registered = c.get("RegisteredUsers");
        if (registered != null && !registered.isNull()) {
            if (!registered.isObject()) {
                throw new OrthancException(ErrorCode.BadParameterType,
                        "The configuration option \"RegisteredUsers\" must be an object of user names to passwords");
            }
            Iterator<Map.Entry<String, JsonNode>> it = registered.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().contains(":")) {
                    throw new OrthancException(ErrorCode.BadParameterType,
                            "User names in \"RegisteredUsers\" can't contain ':': " + e.getKey());
                }
                if (!e.getValue().isTextual()) {
                    throw new OrthancException(ErrorCode.BadParameterType,
                            "The password of user \"" + e.getKey() + "\" in \"RegisteredUsers\" must be a string");
                }
                users.put(e.getKey(), e.getValue().asText());
            }
        }
        boolean secure = !(remote && c.has("AuthenticationEnabled") && !auth);
        if (auth && remote && registered == null) {
            // Orthanc 1.12.9+: the default user exists only when RegisteredUsers is absent.
            users.put("orthanc", "orthanc");
            secure = false;
        }
        List<String> bind = new ArrayList<>();
        JsonNode addresses = c.get("HttpBindAddresses");
        if (addresses != null && addresses.isArray()) {
            addresses.forEach(a -> bind.add(a.asText()));
        }
        return new HttpSettings(c.getInt("HttpPort", 8042), bind, Math.max(1, c.getInt("HttpThreadsCount", 50)),
                c.getBoolean("HttpDescribeErrors", true), c.getBoolean("KeepAlive", true),
                c.getInt("KeepAliveTimeout", 1), remote, auth, users, c.getBoolean("SslEnabled", false),
                c.getPath("SslCertificate", "certificate.pem"), c.getBoolean("SslVerifyPeers", false),
                c.getPath("SslTrustedClientCertificates", "trustedCertificates.pem"),
                c.getInt("SslMinimumProtocolVersion", 4), c.getLong("MaximumRequestBodySizeMB", 8192) * 1024 * 1024,
                secure);
    }
}
