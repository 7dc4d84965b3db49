package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.Server;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "RemoteAccessAllowed" (rest-core.md §1): a client whose address is not
 * 127.0.0.1 is refused with 401 before anything else. 127.0.0.2 (still on
 * this machine) plays the remote client.
 */
class RemoteAccessTest {
    @TempDir
    Path dir;

    @Test
    void remoteClientsAreRefusedByDefault() throws Exception {
        try (Server server = TestServers.start(dir, Map.of())) {
            int port = server.httpPort();
            RawHttp.Response local = RawHttp.exchange("127.0.0.1", port,
                    RawHttp.request("GET /system HTTP/1.1", "Host: localhost"));
            assertThat(local.status()).isEqualTo(200);

            RawHttp.Response remote = RawHttp.exchange("127.0.0.2", port,
                    RawHttp.request("GET /system HTTP/1.1", "Host: localhost"));
            assertThat(remote.status()).isEqualTo(401);
            assertThat(remote.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Orthanc Secure Area\"");
            assertThat(remote.body()).isEmpty();
            assertThat(remote.header("Content-Length")).isEqualTo("0");
            assertThat(remote.header("Content-Type")).isNull();

            // Before any other processing: even an unknown route or a refused verb gets 401.
            assertThat(RawHttp.exchange("127.0.0.2", port, RawHttp.request("GET /nope HTTP/1.1", "Host: x")).status())
                    .isEqualTo(401);
            assertThat(RawHttp.exchange("127.0.0.2", port,
                    RawHttp.request("PATCH /system HTTP/1.1", "Host: x", "Content-Length: 0")).status())
                    .isEqualTo(401);
        }
    }

    @Test
    void curlFromAnotherLocalAddressIsRefused() throws Exception {
        try (Server server = TestServers.start(dir, Map.of())) {
            String url = "http://127.0.0.1:" + server.httpPort() + "/system";
            TestServers.Result remote = TestServers.run(dir, "curl", "-s", "-i", "--interface", "127.0.0.2", url)
                    .orThrow();
            assertThat(remote.output()).startsWith("HTTP/1.1 401").contains(
                    "WWW-Authenticate: Basic realm=\"Orthanc Secure Area\"");
            assertThat(remote.output().substring(remote.output().indexOf("\r\n\r\n") + 4)).isEmpty();
            TestServers.Result local = TestServers.run(dir, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    "--interface", "127.0.0.1", url).orThrow();
            assertThat(local.output()).isEqualTo("200");
        }
    }

    @Test
    void remoteAccessAllowedWithoutAuthentication() throws Exception {
        try (Server server = TestServers.start(dir,
                Map.of("RemoteAccessAllowed", true, "AuthenticationEnabled", false))) {
            RawHttp.Response remote = RawHttp.exchange("127.0.0.2", server.httpPort(),
                    RawHttp.request("GET /system HTTP/1.1", "Host: localhost"));
            assertThat(remote.status()).isEqualTo(200);
            // Anybody on the network may use it: /system says so.
            assertThat(TestServers.JSON.readTree(remote.body()).get("IsHttpServerSecure").booleanValue()).isFalse();
        }
    }

    @Test
    void loopbackAddressesOtherThan127001AreRemote() {
        assertThat(HttpSecurity.isLoopback("127.0.0.1")).isTrue();
        assertThat(HttpSecurity.isLoopback("[::1]")).isTrue();
        assertThat(HttpSecurity.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(HttpSecurity.isLoopback("127.0.0.2")).isFalse();
        assertThat(HttpSecurity.isLoopback("127.000.000.001")).isFalse();
        assertThat(HttpSecurity.isLoopback("::ffff:127.0.0.2")).isFalse();
        assertThat(HttpSecurity.isLoopback(null)).isFalse();
    }
}
