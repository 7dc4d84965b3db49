package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.tls.HttpsContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server options of config.md §3.
 *
 * @param users user name → password of the Basic authentication (rest-core.md §1)
 * @param secure what /system reports as "IsHttpServerSecure"
 * @param sslCiphersAccepted the "SslCiphersAccepted" names, or null for the runtime's defaults
 */
public record HttpSettings(int port, List<String> bindAddresses, int threadsCount, boolean describeErrors,
        boolean keepAlive, int keepAliveTimeout, int requestTimeout, boolean remoteAccessAllowed,
        boolean authenticationEnabled, Map<String, String> users, boolean sslEnabled, Path sslCertificate,
        boolean sslVerifyPeers, Path sslTrustedClientCertificates, int sslMinimumProtocolVersion,
        List<String> sslCiphersAccepted, long maximumRequestBodySize, boolean secure) {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSettings.class);

    public static HttpSettings of(OrthancConfiguration c) {
        boolean remote = c.getBoolean("RemoteAccessAllowed", false);
        boolean auth = c.getBoolean("AuthenticationEnabled", remote);
        JsonNode registered = c.get("RegisteredUsers");
        Map<String, String> users = registeredUsers(registered);
        boolean secure = !(remote && c.has("AuthenticationEnabled") && !auth);
        if (auth && users.isEmpty()) {
            if (!remote) {
                LOG.warn("HTTP authentication is enabled but no user is registered: every request will be refused");
            } else if (registered == null) {
                // Orthanc 1.12.9+: the default user exists only when "RegisteredUsers" is absent.
                LOG.warn("HTTP authentication is enabled with remote access but no user is registered:"
                        + " the default user \"orthanc\" (password \"orthanc\") is created, which is not secure");
                users.put("orthanc", "orthanc");
                secure = false;
            } else {
                LOG.warn("HTTP authentication is enabled but \"RegisteredUsers\" is empty: every request will be"
                        + " refused");
            }
        }
        return new HttpSettings(c.getInt("HttpPort", 8042), stringList(c, "HttpBindAddresses"),
                Math.max(1, c.getInt("HttpThreadsCount", 50)), c.getBoolean("HttpDescribeErrors", true),
                c.getBoolean("KeepAlive", true), c.getInt("KeepAliveTimeout", 1), c.getInt("HttpRequestTimeout", 30),
                remote, auth, Collections.unmodifiableMap(users), c.getBoolean("SslEnabled", false),
                c.getPath("SslCertificate", "certificate.pem"), c.getBoolean("SslVerifyPeers", false),
                c.getPath("SslTrustedClientCertificates", "trustedCertificates.pem"),
                c.getInt("SslMinimumProtocolVersion", 4),
                c.has("SslCiphersAccepted") ? stringList(c, "SslCiphersAccepted") : null,
                c.getLong("MaximumRequestBodySizeMB", 8192) * 1024 * 1024, secure);
    }

    /** What the TLS layer needs (meaningful when {@link #sslEnabled()}). */
    public HttpsContext.Options httpsOptions() {
        return new HttpsContext.Options(sslCertificate, sslMinimumProtocolVersion, sslCiphersAccepted, sslVerifyPeers,
                sslTrustedClientCertificates);
    }

    private static Map<String, String> registeredUsers(JsonNode registered) {
        Map<String, String> users = new LinkedHashMap<>();
        if (registered == null || registered.isNull()) {
            return users;
        }
        if (!registered.isObject()) {
            throw new OrthancException(ErrorCode.BadParameterType,
                    "The configuration option \"RegisteredUsers\" must be an object of user names to passwords");
        }
        Iterator<Map.Entry<String, JsonNode>> it = registered.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            // Basic authentication sends "user:password": a ':' in a name would make it ambiguous (1.12.10).
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
        return users;
    }

    private static List<String> stringList(OrthancConfiguration c, String option) {
        JsonNode n = c.get(option);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new OrthancException(ErrorCode.BadParameterType,
                    "The configuration option \"" + option + "\" must be an array of strings");
        }
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                throw new OrthancException(ErrorCode.BadParameterType,
                        "The configuration option \"" + option + "\" must be an array of strings");
            }
            out.add(item.asText());
        }
        return List.copyOf(out);
    }
}
