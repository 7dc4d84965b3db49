package io.isengard.server.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.rest.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of "OrthancPeers" (peers.md §1.1): a remote Orthanc REST API and
 * how to talk to it. Parsed from the short array form or the long object
 * form with Orthanc's errors; written back in the shortest form that keeps
 * everything (for "OrthancPeersInDatabase").
 */
public record OrthancPeer(String name, String url, String username, String password,
        SortedMap<String, String> httpHeaders, String certificateFile, String certificateKeyFile,
        String certificateKeyPassword, boolean pkcs11, int timeoutSeconds, SortedMap<String, String> userProperties) {

    private static final Set<String> RESERVED = Set.of("Url", "URL", "Username", "Password", "HttpHeaders",
            "CertificateFile", "CertificateKeyFile", "CertificateKeyPassword", "Pkcs11", "Timeout");

    public OrthancPeer {
        httpHeaders = Collections.unmodifiableSortedMap(new TreeMap<>(httpHeaders));
        userProperties = Collections.unmodifiableSortedMap(new TreeMap<>(userProperties));
    }

    /** Orthanc's rule for the names of modalities and peers. */
    public static void checkName(String name) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
            throw new OrthancException(ErrorCode.BadFileFormat, "Only alphanumeric, dash characters and underscores"
                    + " are allowed in the names of modalities/peers, but found: " + name);
        }
    }

    /** A peer from its JSON definition (array or object form); {@code base} resolves relative certificate paths. */
    public static OrthancPeer parse(String name, JsonNode definition, Path base) {
        checkName(name);
        if (definition != null && definition.isArray()) {
            return parseArray(name, definition);
        }
        if (definition != null && definition.isObject()) {
            return parseObject(name, (ObjectNode) definition, base);
        }
        throw bad("The definition of Orthanc peer \"" + name + "\" must be a JSON array or a JSON object");
    }

    private static OrthancPeer parseArray(String name, JsonNode a) {
        for (JsonNode item : a) {
            if (!item.isTextual()) {
                throw bad("The short definition of Orthanc peer \"" + name + "\" must be an array of strings");
            }
        }
        return switch (a.size()) {
            case 1 -> credentials(name, url(a.get(0).asText()), "", "");
            case 2 -> throw bad("The HTTP password is not provided");
            case 3 -> credentials(name, url(a.get(0).asText()), a.get(1).asText(), a.get(2).asText());
            default -> throw bad("The short definition of Orthanc peer \"" + name
                    + "\" must be [ URL ] or [ URL, Username, Password ], found " + a.size() + " elements");
        };
    }

    private static OrthancPeer credentials(String name, String url, String username, String password) {
        checkCredentials(username, password);
        return new OrthancPeer(name, url, username, password, new TreeMap<>(), "", "", "", false, 0, new TreeMap<>());
    }

    private static void checkCredentials(String username, String password) {
        if (username.isEmpty() && !password.isEmpty()) {
            throw bad("A password is given without a username");
        }
    }

    private static OrthancPeer parseObject(String name, ObjectNode o, Path base) {
        String url = string(o, "Url");
        if (url.isEmpty()) {
            url = string(o, "URL"); // Orthanc's alias, read when "Url" is absent or empty
        }
        url = url(url);
        String username = string(o, "Username");
        String password = string(o, "Password");
        checkCredentials(username, password);

        SortedMap<String, String> headers = new TreeMap<>();
        JsonNode h = o.get("HttpHeaders");
        if (h != null && !h.isNull()) {
            if (!h.isObject()) {
                throw bad("\"HttpHeaders\" of Orthanc peer \"" + name + "\" must be a JSON object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw bad("The value of the HTTP header \"" + e.getKey() + "\" of Orthanc peer \"" + name
                            + "\" must be a string");
                }
                headers.put(e.getKey(), e.getValue().asText());
            }
        }

        String certificate = string(o, "CertificateFile");
        String key = "";
        String keyPassword = "";
        if (!certificate.isEmpty()) {
            key = string(o, "CertificateKeyFile");
            keyPassword = string(o, "CertificateKeyPassword");
            certificate = regularFile(base, certificate, "Cannot open certificate file: ");
            if (!key.isEmpty()) {
                key = regularFile(base, key, "Cannot open key file: ");
            }
        }

        boolean pkcs11 = false;
        JsonNode p = o.get("Pkcs11");
        if (p != null && !p.isNull()) {
            if (!p.isBoolean()) {
                throw bad("\"Pkcs11\" of Orthanc peer \"" + name + "\" must be a Boolean (true or false)");
            }
            pkcs11 = p.asBoolean();
        }

        int timeout = 0;
        JsonNode t = o.get("Timeout");
        if (t != null && !t.isNull()) {
            if (!t.isIntegralNumber() || !t.canConvertToInt() || t.asInt() < 0) {
                throw bad("\"Timeout\" of Orthanc peer \"" + name + "\" must be a positive integer (seconds)");
            }
            timeout = t.asInt();
        }

        SortedMap<String, String> properties = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (RESERVED.contains(e.getKey())) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                properties.put(e.getKey(), v.asText());
            } else if (v.isBoolean()) {
                properties.put(e.getKey(), v.asBoolean() ? "1" : "0");
            } else if (v.isIntegralNumber()) {
                properties.put(e.getKey(), v.asText());
            } else {
                throw bad("User-defined properties associated with a Web service must be strings: " + e.getKey());
            }
        }
        return new OrthancPeer(name, url, username, password, headers, certificate, key, keyPassword, pkcs11,
                timeout, properties);
    }

    private static String string(ObjectNode o, String key) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            return "";
        }
        if (!n.isTextual()) {
            throw bad("The field \"" + key + "\" of an Orthanc peer must be a string");
        }
        return n.asText();
    }

    private static String regularFile(Path base, String file, String message) {
        Path p = base == null ? Path.of(file) : base.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new OrthancException(ErrorCode.InexistentFile, message + file);
        }
        return p.toString(); // relative paths of the configuration file are taken from its folder
    }

    /** Orthanc's URL normalisation: not empty, http(s) if it has a scheme, a trailing slash. */
    static String url(String url) {
        if (url.isEmpty()) {
            throw bad("Empty URL");
        }
        if (url.contains("://") && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw bad("Bad URL: " + url);
        }
        return url.endsWith("/") ? url : url + "/";
    }

    private static OrthancException bad(String details) {
        return new OrthancException(ErrorCode.BadFileFormat, details);
    }

    /** What needs the object form: anything beyond URL and credentials. */
    public boolean isAdvancedFormatNeeded() {
        return !certificateFile.isEmpty() || !certificateKeyFile.isEmpty() || !certificateKeyPassword.isEmpty()
                || pkcs11 || !httpHeaders.isEmpty() || !userProperties.isEmpty() || timeoutSeconds != 0;
    }

    /** Whether requests carry "Authorization: Basic": only with both a username and a password. */
    public boolean hasBasicAuthentication() {
        return !username.isEmpty() && !password.isEmpty();
    }

    /** The description /peers?expand and /peers/{name}/configuration show: secrets hidden (peers.md §2.2). */
    public ObjectNode publicDescription() {
        ObjectNode o = Json.object();
        o.put("Url", url);
        if (!username.isEmpty()) {
            o.put("Username", username);
            o.putNull("Password");
        }
        if (!certificateFile.isEmpty()) {
            o.put("CertificateFile", certificateFile);
            o.putNull("CertificateKeyFile");
            o.putNull("CertificateKeyPassword");
        }
        o.put("Pkcs11", pkcs11);
        o.put("Timeout", timeoutSeconds);
        ArrayNode names = o.putArray("HttpHeaders");
        httpHeaders.keySet().forEach(names::add);
        userProperties.forEach(o::put);
        return o;
    }

    /**
     * Orthanc's serialisation: the array form when it is enough, else the
     * object form; passwords only when asked (the database copy keeps them,
     * the "Peer" of a job's content does not).
     */
    public JsonNode serialize(boolean includePasswords) {
        if (!isAdvancedFormatNeeded()) {
            ArrayNode a = Json.array();
            a.add(url);
            if (!username.isEmpty() || !password.isEmpty()) {
                a.add(username);
                a.add(includePasswords ? password : "");
            }
            return a;
        }
        ObjectNode o = Json.object();
        o.put("Url", url);
        if (!username.isEmpty() || !password.isEmpty()) {
            o.put("Username", username);
            if (includePasswords) {
                o.put("Password", password);
            }
        }
        if (!certificateFile.isEmpty()) {
            o.put("CertificateFile", certificateFile);
            o.put("CertificateKeyFile", certificateKeyFile);
            if (includePasswords) {
                o.put("CertificateKeyPassword", certificateKeyPassword);
            }
        }
        o.put("Pkcs11", pkcs11);
        o.put("Timeout", timeoutSeconds);
        ObjectNode headers = o.putObject("HttpHeaders");
        httpHeaders.forEach(headers::put);
        userProperties.forEach(o::put);
        return o;
    }

    /** The peer's URL joined with a path of its REST API, without doubling the slash. */
    public String resolve(String path) {
        return url + (path.startsWith("/") ? path.substring(1) : path);
    }

    @Override
    public String toString() {
        return "Orthanc peer \"" + name + "\" (" + url + ")";
    }
}
