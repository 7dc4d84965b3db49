package io.isengard.server.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.rest.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "OrthancPeers" definitions (peers.md §1.1) and their public description (§2.2). */
class OrthancPeerTest {

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    private static OrthancPeer parse(String name, String definition) throws Exception {
        return OrthancPeer.parse(name, json(definition), null);
    }

    private static void assertBad(String name, String definition, ErrorCode code, String details) {
        assertThatThrownBy(() -> parse(name, definition)).isInstanceOfSatisfying(OrthancException.class, e -> {
            assertThat(e.error()).isEqualTo(code);
            assertThat(e.details()).isEqualTo(details);
        });
    }

    @Test
    void shortFormsAndUrlNormalisation() throws Exception {
        OrthancPeer p = parse("self", "[ \"http://127.0.0.1:8143\" ]");
        assertThat(p.url()).isEqualTo("http://127.0.0.1:8143/");
        assertThat(p.username()).isEmpty();
        assertThat(p.hasBasicAuthentication()).isFalse();
        OrthancPeer q = parse("auth", "[ \"https://h/orthanc/\", \"bob\", \"secret\" ]");
        assertThat(q.url()).isEqualTo("https://h/orthanc/");
        assertThat(q.username()).isEqualTo("bob");
        assertThat(q.password()).isEqualTo("secret");
        assertThat(q.hasBasicAuthentication()).isTrue();
        assertThat(parse("noscheme", "[ \"localhost:8042\" ]").url()).isEqualTo("localhost:8042/");
        assertThat(q.resolve("instances")).isEqualTo("https://h/orthanc/instances");
        assertThat(q.resolve("/system")).isEqualTo("https://h/orthanc/system");
    }

    @Test
    void everyErrorOfTheShortForm() {
        assertBad("p", "[ \"http://h/\", \"bob\" ]", ErrorCode.BadFileFormat, "The HTTP password is not provided");
        assertBad("p", "[]", ErrorCode.BadFileFormat,
                "The short definition of Orthanc peer \"p\" must be [ URL ] or [ URL, Username, Password ], found 0 elements");
        assertBad("p", "[ \"http://h/\", \"a\", \"b\", \"c\" ]", ErrorCode.BadFileFormat,
                "The short definition of Orthanc peer \"p\" must be [ URL ] or [ URL, Username, Password ], found 4 elements");
        assertBad("p", "[ \"\" ]", ErrorCode.BadFileFormat, "Empty URL");
        assertBad("p", "[ \"ftp://h/\" ]", ErrorCode.BadFileFormat, "Bad URL: ftp://h/");
        assertBad("p", "[ \"http://h/\", \"\", \"pw\" ]", ErrorCode.BadFileFormat,
                "A password is given without a username");
        assertBad("p", "[ 12 ]", ErrorCode.BadFileFormat,
                "The short definition of Orthanc peer \"p\" must be an array of strings");
        assertBad("p", "12", ErrorCode.BadFileFormat,
                "The definition of Orthanc peer \"p\" must be a JSON array or a JSON object");
    }

    @Test
    void namesAreAlphanumericDashAndUnderscore() throws Exception {
        assertThat(parse("a-B_9", "[ \"http://h/\" ]").name()).isEqualTo("a-B_9");
        for (String bad : new String[] {"a b", "a.b", "é", "a/b", ""}) {
            assertBad(bad, "[ \"http://h/\" ]", ErrorCode.BadFileFormat, "Only alphanumeric, dash characters and"
                    + " underscores are allowed in the names of modalities/peers, but found: " + bad);
        }
    }

    @Test
    void everyErrorOfTheLongForm() {
        assertBad("p", "{ \"Username\" : \"u\" }", ErrorCode.BadFileFormat, "Empty URL");
        assertBad("p", "{ \"Url\" : \"gopher://h\" }", ErrorCode.BadFileFormat, "Bad URL: gopher://h");
        assertBad("p", "{ \"Url\" : \"http://h\", \"Password\" : \"x\" }", ErrorCode.BadFileFormat,
                "A password is given without a username");
        assertBad("p", "{ \"Url\" : \"http://h\", \"HttpHeaders\" : { \"X-A\" : 1 } }", ErrorCode.BadFileFormat,
                "The value of the HTTP header \"X-A\" of Orthanc peer \"p\" must be a string");
        assertBad("p", "{ \"Url\" : \"http://h\", \"HttpHeaders\" : [] }", ErrorCode.BadFileFormat,
                "\"HttpHeaders\" of Orthanc peer \"p\" must be a JSON object");
        assertBad("p", "{ \"Url\" : \"http://h\", \"Pkcs11\" : \"yes\" }", ErrorCode.BadFileFormat,
                "\"Pkcs11\" of Orthanc peer \"p\" must be a Boolean (true or false)");
        assertBad("p", "{ \"Url\" : \"http://h\", \"Timeout\" : -1 }", ErrorCode.BadFileFormat,
                "\"Timeout\" of Orthanc peer \"p\" must be a positive integer (seconds)");
        assertBad("p", "{ \"Url\" : \"http://h\", \"Extra\" : [ 1 ] }", ErrorCode.BadFileFormat,
                "User-defined properties associated with a Web service must be strings: Extra");
        assertBad("p", "{ \"Url\" : \"http://h\", \"Extra\" : 1.5 }", ErrorCode.BadFileFormat,
                "User-defined properties associated with a Web service must be strings: Extra");
        assertBad("p", "{ \"Url\" : \"http://h\", \"CertificateFile\" : \"/nonexistent/c.pem\" }",
                ErrorCode.InexistentFile, "Cannot open certificate file: /nonexistent/c.pem");
    }

    @Test
    void aKeyFileThatIsNotThereIsNamed(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        assertBad("p", "{ \"Url\" : \"https://h\", \"CertificateFile\" : \"" + cert + "\","
                + " \"CertificateKeyFile\" : \"/nonexistent/k.pem\" }", ErrorCode.InexistentFile,
                "Cannot open key file: /nonexistent/k.pem");
    }

    @Test
    void longFormKeepsUserPropertiesAsStrings() throws Exception {
        OrthancPeer p = parse("adv", "{ \"URL\" : \"http://h:1\", \"Username\" : \"bob\", \"Password\" : \"pw\","
                + " \"HttpHeaders\" : { \"X-Token\" : \"t\" }, \"Timeout\" : 7, \"RemoteSelf\" : \"me\","
                + " \"Flag\" : true, \"Off\" : false, \"Num\" : 3 }");
        assertThat(p.url()).isEqualTo("http://h:1/");
        assertThat(p.timeoutSeconds()).isEqualTo(7);
        assertThat(p.httpHeaders()).containsExactly(java.util.Map.entry("X-Token", "t"));
        assertThat(p.userProperties()).containsExactly(java.util.Map.entry("Flag", "1"), java.util.Map.entry("Num", "3"),
                java.util.Map.entry("Off", "0"), java.util.Map.entry("RemoteSelf", "me"));
        assertThat(p.toString()).doesNotContain("pw");
    }

    @Test
    void publicDescriptionIsExactlyOrthancs() throws Exception {
        OrthancPeer self = parse("self", "[ \"http://127.0.0.1:8143\" ]");
        // Compared as JSON values (the layout is Json.pretty's business): keys, types and nulls exactly.
        assertThat(self.publicDescription()).isEqualTo(json("""
                { "HttpHeaders" : [], "Pkcs11" : false, "Timeout" : 0, "Url" : "http://127.0.0.1:8143/" }
                """));
        OrthancPeer adv = parse("selfadv", "{ \"Url\" : \"http://127.0.0.1:8143\", \"Username\" : \"bob\","
                + " \"Password\" : \"secret\", \"HttpHeaders\" : { \"X-Token\" : \"abc\" }, \"Timeout\" : 7,"
                + " \"RemoteSelf\" : \"me\" }");
        assertThat(adv.publicDescription()).isEqualTo(json("""
                { "HttpHeaders" : [ "X-Token" ], "Password" : null, "Pkcs11" : false, "RemoteSelf" : "me",
                  "Timeout" : 7, "Url" : "http://127.0.0.1:8143/", "Username" : "bob" }
                """));
    }

    @Test
    void publicDescriptionOfAClientCertificateHidesKeyAndPassword(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        Path key = Files.writeString(dir.resolve("k.pem"), "x");
        OrthancPeer p = parse("tls", "{ \"Url\" : \"https://h\", \"CertificateFile\" : \"" + cert + "\","
                + " \"CertificateKeyFile\" : \"" + key + "\", \"CertificateKeyPassword\" : \"kp\" }");
        JsonNode d = p.publicDescription();
        assertThat(d.get("CertificateFile").asText()).isEqualTo(cert.toString());
        assertThat(d.get("CertificateKeyFile").isNull()).isTrue();
        assertThat(d.get("CertificateKeyPassword").isNull()).isTrue();
        assertThat(d.toString()).doesNotContain("kp").doesNotContain(key.toString());
    }

    @Test
    void serialisationIsTheShortestFormAndRoundTrips() throws Exception {
        OrthancPeer simple = parse("s", "[ \"http://h/\", \"u\", \"p\" ]");
        assertThat(simple.serialize(true).toString()).isEqualTo("[\"http://h/\",\"u\",\"p\"]");
        assertThat(simple.serialize(false).toString()).isEqualTo("[\"http://h/\",\"u\",\"\"]");
        OrthancPeer adv = parse("a", "{ \"Url\" : \"http://h\", \"Username\" : \"u\", \"Password\" : \"p\","
                + " \"HttpHeaders\" : { \"X\" : \"v\" }, \"RemoteSelf\" : \"me\" }");
        assertThat(OrthancPeer.parse("a", adv.serialize(true), null)).isEqualTo(adv);
        assertThat(adv.serialize(false).has("Password")).isFalse();
        assertThat(adv.serialize(false).get("HttpHeaders").get("X").asText()).isEqualTo("v");
    }

    @Test
    void storeRequestsAreCheckedInOrthancsOrder() {
        String id = "27f7126f-4f66fb14-03f4081b-f9341db2-53925988";
        assertThat(PeerStoreRequest.parse("  " + id + "\n").resources()).containsExactly(id);
        assertThat(PeerStoreRequest.parse("\"" + id + "\"").resources()).containsExactly(id);
        assertThat(PeerStoreRequest.parse("[\"" + id + "\", \" " + id + " \"]").resources()).containsExactly(id, id);
        PeerStoreRequest full = PeerStoreRequest.parse("{\"Resources\":[\"" + id + "\"],\"Compress\":true,"
                + "\"Transcode\":\"1.2.840.10008.1.2\",\"Permissive\":true,\"Synchronous\":false,\"Priority\":3}");
        assertThat(full.compress()).isTrue();
        assertThat(full.transcode()).isEqualTo("1.2.840.10008.1.2");
        assertThat(full.permissive()).isTrue();
        assertThat(full.asynchronous()).isTrue();
        assertThat(full.priority()).isEqualTo(3);
        assertStoreBad("nope", "Must provide a JSON value");
        assertStoreBad("12", "Must provide a JSON object, or a JSON array of strings");
        assertStoreBad("{}", "Missing field in JSON: \"Resources\"");
        assertStoreBad("{\"Resources\":\"x\"}", "JSON field \"Resources\" must contain an array");
        assertStoreBad("[1]", "Resources to be exported must be specified as a JSON array of strings");
        assertStoreBad("[\"abc\"]", "This string is not a valid Orthanc identifier: abc");
        assertStoreBad("{\"Resources\":[],\"Transcode\":\"1.2.3\"}", "Unknown transfer syntax UID: 1.2.3");
    }

    private static void assertStoreBad(String body, String details) {
        assertThatThrownBy(() -> PeerStoreRequest.parse(body)).isInstanceOfSatisfying(OrthancException.class, e -> {
            assertThat(e.error()).isEqualTo(ErrorCode.BadFileFormat);
            assertThat(e.details()).isEqualTo(details);
        });
    }

    @Test
    void proxyAndTimeouts() throws Exception {
        assertThat(ProxyAddress.parse("")).isNull();
        assertThat(ProxyAddress.parse("proxy:3128")).isEqualTo(new ProxyAddress("proxy", 3128, "", ""));
        assertThat(ProxyAddress.parse("u:p@proxy:3128")).isEqualTo(new ProxyAddress("proxy", 3128, "u", "p"));
        assertThatThrownBy(() -> ProxyAddress.parse("proxy")).isInstanceOf(OrthancException.class)
                .hasMessageContaining("HttpProxy");
        OutgoingHttp zero = new OutgoingHttp(0, true, null, "");
        assertThat(zero.timeoutFor(parse("p", "[ \"http://h/\" ]"))).isEqualTo(60);
        assertThat(new OutgoingHttp(5, true, null, "").timeoutFor(parse("p", "[ \"http://h/\" ]"))).isEqualTo(5);
        assertThat(zero.timeoutFor(parse("p", "{ \"Url\" : \"http://h\", \"Timeout\" : 9 }"))).isEqualTo(9);
    }
}
