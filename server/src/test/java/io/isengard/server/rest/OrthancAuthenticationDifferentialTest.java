package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same refused requests, sent byte for byte to Debian's Orthanc 1.10.1
 * and to Isengard configured alike (authentication on, two registered users,
 * no remote access): status, WWW-Authenticate, body and connection headers
 * must agree.
 */
class OrthancAuthenticationDifferentialTest {
    private static final Path ORTHANC = Path.of("/usr/sbin/Orthanc");
    private static final Map<String, Object> OPTIONS = Map.of("RemoteAccessAllowed", false,
            "AuthenticationEnabled", true, "RegisteredUsers", Map.of("alice", "s:ecret", "bob", "pw"));
    private static final String ALICE = b64("alice:s:ecret");

    @TempDir
    Path dir;

    /** A request and the address it comes from. */
    record Probe(String name, String from, String request) {
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes());
    }

    private static Probe get(String name, String from, String path, String... headers) {
        List<String> lines = new ArrayList<>(List.of("GET " + path + " HTTP/1.1", "Host: localhost"));
        lines.addAll(List.of(headers));
        return new Probe(name, from, RawHttp.request(lines.toArray(String[]::new)));
    }

    private static List<Probe> refused() {
        return List.of(
                get("no credentials", "127.0.0.1", "/system"),
                get("wrong password", "127.0.0.1", "/system", "Authorization: Basic " + b64("alice:wrong")),
                get("unknown user", "127.0.0.1", "/system", "Authorization: Basic " + b64("carol:pw")),
                get("password of another user", "127.0.0.1", "/system", "Authorization: Basic " + b64("bob:s:ecret")),
                get("lower-case scheme", "127.0.0.1", "/system", "Authorization: basic " + ALICE),
                get("two spaces", "127.0.0.1", "/system", "Authorization: Basic  " + ALICE),
                get("unpadded base64", "127.0.0.1", "/system", "Authorization: Basic " + ALICE.replace("=", "")),
                get("no colon", "127.0.0.1", "/system", "Authorization: Basic " + b64("alice")),
                get("scheme alone", "127.0.0.1", "/system", "Authorization: Basic"),
                get("bearer token", "127.0.0.1", "/system", "Authorization: Bearer " + ALICE),
                get("unknown route", "127.0.0.1", "/nope"),
                get("good credentials from another address", "127.0.0.2", "/system", "Authorization: Basic " + ALICE),
                new Probe("upload with a wrong password", "127.0.0.1", RawHttp.request("POST /instances HTTP/1.1",
                        "Host: localhost", "Authorization: Basic " + b64("alice:nope"), "Content-Length: 4") + "DICM"),
                new Probe("deletion without credentials", "127.0.0.1",
                        RawHttp.request("DELETE /patients/0123 HTTP/1.1", "Host: localhost")));
    }

    @Test
    void refusalsAreTheSameAsOrthancs() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ORTHANC) || "true".equals(System.getenv("ISENGARD_REQUIRE_ORTHANC")),
                "Debian's Orthanc (package orthanc) is not installed");
        Path config = TestServers.writeConfiguration(dir.resolve("orthanc"), OPTIONS);
        int orthancPort = TestServers.JSON.readTree(config.toFile()).get("HttpPort").asInt();
        Process orthanc = new ProcessBuilder(ORTHANC.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        try (Server isengard = TestServers.start(dir.resolve("isengard"), OPTIONS)) {
            awaitPort(orthanc, orthancPort);
            SoftAssertions soft = new SoftAssertions();
            for (Probe p : refused()) {
                RawHttp.Response expected = RawHttp.exchange(p.from(), orthancPort, p.request());
                RawHttp.Response actual = RawHttp.exchange(p.from(), isengard.httpPort(), p.request());
                soft.assertThat(expected.status()).as("Orthanc, %s", p.name()).isEqualTo(401);
                soft.assertThat(actual.status()).as(p.name()).isEqualTo(expected.status());
                for (String header : List.of("WWW-Authenticate", "Content-Length", "Content-Type", "Connection",
                        "Keep-Alive")) {
                    soft.assertThat(actual.header(header)).as("%s: %s", p.name(), header)
                            .isEqualTo(expected.header(header));
                }
                soft.assertThat(actual.body()).as(p.name()).isEqualTo(expected.body());
            }
            // And the right credentials pass on both.
            Probe ok = get("alice", "127.0.0.1", "/system", "Authorization: Basic " + ALICE);
            soft.assertThat(RawHttp.exchange(ok.from(), orthancPort, ok.request()).status()).isEqualTo(200);
            soft.assertThat(RawHttp.exchange(ok.from(), isengard.httpPort(), ok.request()).status()).isEqualTo(200);
            soft.assertAll();
        } finally {
            orthanc.destroy();
            if (!orthanc.waitFor(20, TimeUnit.SECONDS)) {
                orthanc.destroyForcibly();
            }
        }
    }

    private void awaitPort(Process orthanc, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!orthanc.isAlive()) {
                throw new IOException("Orthanc stopped: " + Files.readString(dir.resolve("orthanc.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IOException("Orthanc did not listen on " + port + ": " + Files.readString(dir.resolve("orthanc.log")));
    }
}
