package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.server.Server;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP Basic authentication and "IsHttpServerSecure" (rest-core.md §1). */
class AuthenticationTest {
    private static final Map<String, String> USERS = Map.of("alice", "s:ecret", "bob", "pw");

    @TempDir
    Path dir;

    private final HttpClient client = TestServers.client();

    @Test
    void registeredUsersOnly() throws Exception {
        try (Server server = TestServers.start(dir,
                Map.of("AuthenticationEnabled", true, "RegisteredUsers", USERS))) {
            String url = "http://127.0.0.1:" + server.httpPort() + "/system";
            assertUnauthorized(TestServers.get(client, url, null, null));
            assertUnauthorized(TestServers.get(client, url, "alice", "wrong"));
            assertUnauthorized(TestServers.get(client, url, "alice", "s"));
            assertUnauthorized(TestServers.get(client, url, "carol", "pw"));
            assertUnauthorized(TestServers.get(client, url, "bob", "s:ecret"));
            assertUnauthorized(TestServers.get(client, url, "orthanc", "orthanc"));
            assertUnauthorized(TestServers.get(client, "http://127.0.0.1:" + server.httpPort() + "/nope",
                    "alice", "wrong"));

            // A ':' in the password is fine: only the first one separates the user name.
            HttpResponse<String> alice = TestServers.get(client, url, "alice", "s:ecret");
            assertThat(alice.statusCode()).isEqualTo(200);
            assertThat(TestServers.JSON.readTree(alice.body()).get("IsHttpServerSecure").booleanValue()).isTrue();
            assertThat(TestServers.get(client, url, "bob", "pw").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theHeaderMustBeExactlyWhatOrthancExpects() throws Exception {
        try (Server server = TestServers.start(dir,
                Map.of("AuthenticationEnabled", true, "RegisteredUsers", USERS))) {
            int port = server.httpPort();
            String token = Base64.getEncoder().encodeToString("alice:s:ecret".getBytes());
            assertThat(withAuthorization(port, "Basic " + token).status()).isEqualTo(200);
            // Orthanc compares the header text with "Basic " + base64("user:password"): no other spelling passes.
            assertThat(withAuthorization(port, "basic " + token).status()).isEqualTo(401);
            assertThat(withAuthorization(port, "Basic  " + token).status()).isEqualTo(401);
            assertThat(withAuthorization(port, "Basic " + token.replace("=", "")).status()).isEqualTo(401);
            assertThat(withAuthorization(port, "Bearer " + token).status()).isEqualTo(401);
            assertThat(withAuthorization(port, "Basic " + Base64.getEncoder().encodeToString("alice".getBytes()))
                    .status()).isEqualTo(401);
            assertThat(withAuthorization(port, "Basic !!!").status()).isEqualTo(401);
        }
    }

    private static RawHttp.Response withAuthorization(int port, String authorization) throws Exception {
        return RawHttp.exchange(null, port, RawHttp.request("GET /system HTTP/1.1", "Host: localhost",
                "Authorization: " + authorization));
    }

    @Test
    void defaultUserWhenRemoteAccessIsAllowedAndNoUsersAreRegistered() throws Exception {
        try (Server server = TestServers.start(dir, Map.of("RemoteAccessAllowed", true))) {
            String url = "http://127.0.0.1:" + server.httpPort() + "/system";
            assertUnauthorized(TestServers.get(client, url, null, null));
            HttpResponse<String> r = TestServers.get(client, url, "orthanc", "orthanc");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(TestServers.JSON.readTree(r.body()).get("IsHttpServerSecure").booleanValue()).isFalse();
            // From another address too: that is what remote access means.
            RawHttp.Response remote = RawHttp.exchange("127.0.0.2", server.httpPort(), RawHttp.request(
                    "GET /system HTTP/1.1", "Host: x", "Authorization: " + TestServers.basic("orthanc", "orthanc")));
            assertThat(remote.status()).isEqualTo(200);
        }
    }

    @Test
    void noDefaultUserWhenUsersAreRegistered() throws Exception {
        try (Server server = TestServers.start(dir, Map.of("RemoteAccessAllowed", true, "RegisteredUsers", USERS))) {
            String url = "http://127.0.0.1:" + server.httpPort() + "/system";
            assertUnauthorized(TestServers.get(client, url, "orthanc", "orthanc"));
            HttpResponse<String> r = TestServers.get(client, url, "bob", "pw");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(TestServers.JSON.readTree(r.body()).get("IsHttpServerSecure").booleanValue()).isTrue();
        }
    }

    @Test
    void noDefaultUserWhenRegisteredUsersIsPresentButEmpty() throws Exception {
        // Orthanc 1.12.9+: nobody can log in, and the server counts as secure.
        Map<String, Object> options = Map.of("RemoteAccessAllowed", true, "RegisteredUsers", Map.of());
        try (Server server = TestServers.start(dir, options)) {
            assertUnauthorized(TestServers.get(client, "http://127.0.0.1:" + server.httpPort() + "/system",
                    "orthanc", "orthanc"));
        }
        assertThat(HttpSettings.of(TestServers.configuration(dir.resolve("again"), options)).secure()).isTrue();
    }

    @Test
    void noDefaultUserWithoutRemoteAccess() throws Exception {
        try (Server server = TestServers.start(dir, Map.of("AuthenticationEnabled", true))) {
            String url = "http://127.0.0.1:" + server.httpPort() + "/system";
            assertUnauthorized(TestServers.get(client, url, null, null));
            assertUnauthorized(TestServers.get(client, url, "orthanc", "orthanc"));
        }
    }

    @Test
    void authenticationFollowsRemoteAccessWhenNotSet() throws Exception {
        try (Server server = TestServers.start(dir, Map.of("RegisteredUsers", USERS))) {
            HttpResponse<String> r = TestServers.get(client, "http://127.0.0.1:" + server.httpPort() + "/system",
                    null, null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(TestServers.JSON.readTree(r.body()).get("IsHttpServerSecure").booleanValue()).isTrue();
        }
    }

    @Test
    void userNamesWithAColonAreRefusedAtStartup() throws Exception {
        Map<String, Object> options = Map.of("AuthenticationEnabled", true,
                "RegisteredUsers", Map.of("alice", "pw", "eve:il", "pw"));
        assertThatThrownBy(() -> TestServers.start(dir, options))
                .isInstanceOfSatisfying(OrthancException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.BadParameterType))
                .hasMessageContaining("eve:il");
        // Refused before the index was created: nothing was opened.
        assertThat(Files.exists(dir.resolve("storage"))).isFalse();
    }

    @Test
    void passwordsMustBeStrings() {
        assertThatThrownBy(() -> TestServers.start(dir, Map.of("RegisteredUsers", Map.of("alice", 42))))
                .isInstanceOf(OrthancException.class).hasMessageContaining("alice");
    }

    private static void assertUnauthorized(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"Orthanc Secure Area\"");
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Content-Type")).isEmpty();
    }
}
