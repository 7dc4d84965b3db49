package io.isengard.server.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.rest.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Credentials and remote access (rest-core.md §1), compared on three pairs
 * of servers: authentication on with remote access; remote access off
 * (authentication then off by default); remote access off with
 * authentication on. "Remote" clients are sockets bound to 127.0.0.2.
 */
class SecurityDifferentialTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "wonderland";
    private static final String GOOD = RestClient.basic(USER, PASSWORD);

    private static ServerPair authenticated;
    private static ServerPair localOnly;
    private static ServerPair localAuthenticated;

    @BeforeAll
    static void start() {
        ObjectNode users = Json.object();
        users.put(USER, PASSWORD);
        ObjectNode a = Json.object();
        a.put("Name", "differential");
        a.put("RemoteAccessAllowed", true);
        a.put("AuthenticationEnabled", true);
        a.set("RegisteredUsers", users.deepCopy());
        authenticated = ServerPair.start(a, GOOD);

        ObjectNode b = Json.object();
        b.put("Name", "differential");
        b.put("RemoteAccessAllowed", false);
        localOnly = ServerPair.start(b);

        ObjectNode c = b.deepCopy();
        c.put("AuthenticationEnabled", true);
        c.set("RegisteredUsers", users.deepCopy());
        localAuthenticated = ServerPair.start(c, GOOD);
    }

    @AfterAll
    static void stop() {
        ServerPair.closeAll(authenticated, localOnly, localAuthenticated);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void credentials() {
        DiffReport report = new DiffReport("credentials (authentication on, remote access on)",
                authenticated.referenceVersion());
        List<RequestCase> cases = List.of(
                RequestCase.get("/statistics"),
                RequestCase.get("/statistics").header("Authorization", RestClient.basic(USER, "wrong")),
                RequestCase.get("/statistics").header("Authorization", RestClient.basic("bob", PASSWORD)),
                RequestCase.get("/statistics").header("Authorization", RestClient.basic(USER, "")),
                RequestCase.get("/statistics").header("Authorization", "Basic !!!not-base64"),
                RequestCase.get("/statistics").header("Authorization", "Basic " + base64(USER + PASSWORD)),
                RequestCase.get("/statistics").header("Authorization", "Bearer " + PASSWORD),
                RequestCase.get("/statistics").header("Authorization", GOOD),
                // Right after the good one, on the same keep-alive connection: Jetty's header cache once
                // turned this into "Basic ..." (Orthanc compares the header exactly: 401).
                RequestCase.get("/statistics").header("Authorization", "basic " + base64(USER + ":" + PASSWORD)),
                RequestCase.get("/nope"),
                RequestCase.get("/patients/nope"),
                RequestCase.request("PUT", "/system").body("x"),
                RequestCase.request("POST", "/instances").body("hello"),
                RequestCase.request("POST", "/instances").body("hello").header("Authorization", GOOD),
                RequestCase.get("/nope").header("Authorization", GOOD));
        cases.forEach(c -> c.run(authenticated, report));
        // From 127.0.0.2: remote access is allowed here, credentials still needed.
        remote(report, authenticated, "/statistics", null);
        remote(report, authenticated, "/statistics", GOOD);
        report.finish();
    }

    @Test
    void systemSaysWhetherTheServerIsSecure() {
        DiffReport report = new DiffReport("/system IsHttpServerSecure", authenticated.referenceVersion());
        for (ServerPair p : new ServerPair[] {authenticated, localOnly, localAuthenticated}) {
            report.compare("GET /system IsHttpServerSecure",
                    p.reference().withAuthorization(GOOD).get("/system").json().path("IsHttpServerSecure"),
                    p.candidate().withAuthorization(GOOD).get("/system").json().path("IsHttpServerSecure"),
                    JsonDiff.ordered(), List.of());
        }
        report.finish();
    }

    @Test
    void remoteAccessForbidden() {
        DiffReport report = new DiffReport("remote access not allowed", localOnly.referenceVersion());
        for (String uri : List.of("/statistics", "/nope", "/patients/nope")) {
            local(report, localOnly, uri, null);
            remote(report, localOnly, uri, null);
            remote(report, localOnly, uri, GOOD);
        }
        report.finish();
    }

    @Test
    void remoteAccessForbiddenWithAuthentication() {
        DiffReport report = new DiffReport("remote access not allowed, authentication on",
                localAuthenticated.referenceVersion());
        for (String uri : List.of("/statistics", "/nope")) {
            local(report, localAuthenticated, uri, null);
            local(report, localAuthenticated, uri, RestClient.basic(USER, "wrong"));
            local(report, localAuthenticated, uri, GOOD);
            remote(report, localAuthenticated, uri, null);
            remote(report, localAuthenticated, uri, GOOD);
        }
        report.finish();
    }

    private static void local(DiffReport report, ServerPair p, String uri, String authorization) {
        compareFrom("127.0.0.1", report, p, uri, authorization);
    }

    private static void remote(DiffReport report, ServerPair p, String uri, String authorization) {
        compareFrom("127.0.0.2", report, p, uri, authorization);
    }

    private static void compareFrom(String address, DiffReport report, ServerPair p, String uri, String authorization) {
        String[] headers = authorization == null ? new String[0] : new String[] {"Authorization", authorization};
        HttpAnswer ref = RawHttpClient.get(address, p.orthanc().httpPort(), uri, headers);
        HttpAnswer isg = RawHttpClient.get(address, p.isengard().httpPort(), uri, headers);
        String name = "GET " + uri + " from " + address + (authorization == null ? " without credentials"
                : authorization.equals(GOOD) ? " with good credentials" : " with bad credentials");
        boolean error = ref.status() >= 400 || isg.status() >= 400;
        report.compare(name, ref, isg, JsonDiff.ordered(), error ? KnownDifferences.ERRORS : KnownDifferences.HEADERS);
    }
}
