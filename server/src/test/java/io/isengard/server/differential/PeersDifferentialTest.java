package io.isengard.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.rest.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Peers between Isengard and Debian's Orthanc 1.10.1, both ways (peers.md):
 * stores of one instance, a series, a study, a patient and a list; /system
 * through the peer; the JSON of /peers?expand, /peers/{x}/configuration,
 * store answers and error answers compared for the same requests. Isengard
 * requires a password here, so Orthanc's peer definition carries one.
 * Known differences are in docs/peers.md.
 */
class PeersDifferentialTest {
    static ReferenceOrthanc orthanc;
    static IsengardUnderTest isengard;
    static RestClient o;
    static RestClient i;

    /** Per uploaded file: instance, series, study, patient IDs. */
    record Ids(String instance, String series, String study, String patient) {
    }

    static final List<Ids> files = new ArrayList<>();

    @BeforeAll
    static void start() {
        ObjectNode common = ServerPair.openConfiguration();
        common.put("LogExportedResources", true);
        orthanc = ReferenceOrthanc.start(common, null);
        ObjectNode secured = common.deepCopy();
        secured.put("AuthenticationEnabled", true);
        secured.putObject("RegisteredUsers").put("alice", "pw");
        isengard = IsengardUnderTest.start(secured);
        o = orthanc.client();
        i = isengard.client().withAuthorization(RestClient.basic("alice", "pw"));
        put(i, "orthanc", "[\"http://127.0.0.1:" + orthanc.httpPort() + "\"]");
        put(o, "isengard", "[\"http://127.0.0.1:" + isengard.httpPort() + "\", \"alice\", \"pw\"]");
        for (Path f : samples()) {
            JsonNode a = ok(i.postFile("/instances", f));
            files.add(new Ids(a.get("ID").asText(), a.get("ParentSeries").asText(), a.get("ParentStudy").asText(),
                    a.get("ParentPatient").asText()));
        }
    }

    @AfterAll
    static void stop() {
        if (isengard != null) {
            isengard.close();
        }
        if (orthanc != null) {
            orthanc.close();
        }
    }

    /** Brainix (one patient, one study, two series, 44 instances) and DummyCT (another patient). */
    static List<Path> samples() {
        List<Path> l = new ArrayList<>();
        try (Stream<Path> s = Files.walk(SampleFiles.dir().resolve("Brainix"))) {
            s.filter(p -> p.toString().endsWith(".dcm")).sorted().forEach(l::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        l.add(SampleFiles.get("DummyCT.dcm"));
        return l;
    }

    static void put(RestClient c, String name, String definition) {
        HttpAnswer a = c.send("PUT", "/peers/" + name, definition.getBytes());
        assertThat(a.status()).as(c.name() + " PUT /peers/" + name + ": " + a).isEqualTo(200);
    }

    static JsonNode ok(HttpAnswer a) {
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        return a.json();
    }

    static void deleteAll(RestClient c) {
        for (JsonNode p : ok(c.get("/patients"))) {
            ok(c.send("DELETE", "/patients/" + p.asText(), null));
        }
    }

    static void uploadAllTo(RestClient c) {
        for (Path f : samples()) {
            ok(c.postFile("/instances", f));
        }
    }

    static TreeSet<String> instancesOn(RestClient c) {
        TreeSet<String> s = new TreeSet<>();
        ok(c.get("/instances")).forEach(n -> s.add(n.asText()));
        return s;
    }

    static TreeSet<String> expected(Predicate<Ids> p) {
        TreeSet<String> s = new TreeSet<>();
        files.stream().filter(p).forEach(f -> s.add(f.instance()));
        return s;
    }

    @Test
    void everyLevelAndListsGoBothWays() {
        Ids flair = files.get(files.size() - 2); // a Brainix instance
        Ids epi = files.get(0);
        Ids ct = files.get(files.size() - 1);
        Map<String, TreeSet<String>> cases = new LinkedHashMap<>();
        cases.put(flair.instance(), expected(f -> f.instance().equals(flair.instance())));
        cases.put("\"" + flair.series() + "\"", expected(f -> f.series().equals(flair.series())));
        cases.put("[\"" + flair.study() + "\"]", expected(f -> f.study().equals(flair.study())));
        cases.put("{\"Resources\":[\"" + flair.patient() + "\"]}", expected(f -> f.patient().equals(flair.patient())));
        cases.put("[\"" + epi.series() + "\", \"" + ct.instance() + "\"]",
                expected(f -> f.series().equals(epi.series()) || f.instance().equals(ct.instance())));
        cases.put("{\"Resources\":[\"" + flair.series() + "\"],\"Compress\":true}",
                expected(f -> f.series().equals(flair.series())));
        for (Map.Entry<String, TreeSet<String>> c : cases.entrySet()) {
            deleteAll(o);
            uploadAllTo(i);
            JsonNode fromIsengard = ok(i.post("/peers/orthanc/store", c.getKey()));
            assertThat(instancesOn(o)).as("Orthanc after Isengard's store of " + c.getKey()).isEqualTo(c.getValue());

            deleteAll(i);
            JsonNode fromOrthanc = ok(o.post("/peers/isengard/store", c.getKey()));
            assertThat(instancesOn(i)).as("Isengard after Orthanc's store of " + c.getKey()).isEqualTo(c.getValue());

            // Same content but the peer: same instance count, parents, size in bytes, flags.
            assertThat(fromIsengard.get("Peer")).isEqualTo(Json.MAPPER.valueToTree(
                    List.of("http://127.0.0.1:" + orthanc.httpPort() + "/")));
            ((ObjectNode) fromIsengard).remove("Peer");
            ((ObjectNode) fromOrthanc).remove("Peer");
            assertThat(fromIsengard).as("store answers for " + c.getKey()).isEqualTo(fromOrthanc);
        }
        uploadAllTo(i);
    }

    /** Asynchronous stores both ways: the same answer keys and the same OrthancPeerStore job in /jobs. */
    @Test
    void asynchronousStoreIsTheSameJobBothWays() throws InterruptedException {
        Ids flair = files.get(files.size() - 2);
        String body = "{\"Resources\": [\"" + flair.series() + "\"], \"Asynchronous\": true, \"Priority\": 3}";
        deleteAll(o);
        uploadAllTo(i);
        JsonNode fromIsengard = ok(i.post("/peers/orthanc/store", body));
        JsonNode isengardJob = completedJob(i, fromIsengard.get("ID").asText());
        deleteAll(i);
        JsonNode fromOrthanc = ok(o.post("/peers/isengard/store", body));
        JsonNode orthancJob = completedJob(o, fromOrthanc.get("ID").asText());
        assertThat(instancesOn(i)).isEqualTo(expected(f -> f.series().equals(flair.series())));

        assertThat(fieldNames(fromIsengard)).isEqualTo(fieldNames(fromOrthanc)).containsExactly("ID", "Path");
        assertThat(isengardJob.get("State").asText()).as(isengardJob.toString()).isEqualTo("Success");
        assertThat(fieldNames(isengardJob)).isEqualTo(fieldNames(orthancJob));
        for (String field : List.of("Type", "State", "Priority", "Progress", "ErrorCode", "ErrorDescription")) {
            assertThat(isengardJob.get(field)).as(field).isEqualTo(orthancJob.get(field));
        }
        ObjectNode ic = (ObjectNode) isengardJob.get("Content").deepCopy();
        ObjectNode oc = (ObjectNode) orthancJob.get("Content").deepCopy();
        ic.remove("Peer");
        oc.remove("Peer");
        assertThat(ic).as("Content but the peer").isEqualTo(oc);
        uploadAllTo(i);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    private static JsonNode completedJob(RestClient c, String id) throws InterruptedException {
        for (int n = 0; n < 600; n++) {
            JsonNode job = ok(c.get("/jobs/" + id));
            if (List.of("Success", "Failure").contains(job.get("State").asText())) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not complete: " + c.get("/jobs/" + id).text());
    }

    @Test
    void transcodingBetweenNativeSyntaxesBothWays() {
        Ids flair = files.get(files.size() - 2); // explicit VR little endian
        Ids ct = files.get(files.size() - 1); // JPEG lossless: Isengard sends it as stored
        String implicit = "1.2.840.10008.1.2";
        String body = "{\"Resources\":[\"" + flair.instance() + "\",\"" + ct.instance() + "\"],\"Transcode\":\""
                + implicit + "\"}";
        deleteAll(o);
        uploadAllTo(i);
        JsonNode fromIsengard = ok(i.post("/peers/orthanc/store", body));
        assertThat(fromIsengard.get("Transcode").asText()).isEqualTo(implicit);
        assertThat(o.get("/instances/" + flair.instance() + "/metadata/TransferSyntax").text()).isEqualTo(implicit);
        assertThat(o.get("/instances/" + ct.instance() + "/metadata/TransferSyntax").text())
                .isEqualTo("1.2.840.10008.1.2.4.70");
        // Every tag went through, the pixels unchanged (read back by our codec from Orthanc's file).
        assertThat(ok(o.get("/instances/" + flair.instance() + "/simplified-tags")))
                .isEqualTo(ok(i.get("/instances/" + flair.instance() + "/simplified-tags")));
        assertThat(pixelData(o.get("/instances/" + flair.instance() + "/file").body()))
                .isEqualTo(pixelData(i.get("/instances/" + flair.instance() + "/file").body()));

        deleteAll(i);
        JsonNode fromOrthanc = ok(o.post("/peers/isengard/store", body));
        assertThat(i.get("/instances/" + flair.instance() + "/metadata/TransferSyntax").text()).isEqualTo(implicit);
        for (JsonNode answer : new JsonNode[] {fromIsengard, fromOrthanc}) {
            ((ObjectNode) answer).remove(List.of("Peer", "Size", "SizeMB")); // the two writers lay out groups apart
        }
        assertThat(fromIsengard).isEqualTo(fromOrthanc);
        uploadAllTo(i);
    }

    static byte[] pixelData(byte[] file) {
        try {
            io.isengard.dicom.io.DicomFile f = io.isengard.dicom.io.DicomReader.read(
                    new java.io.ByteArrayInputStream(file), io.isengard.dicom.io.ReadOptions.DEFAULT);
            return f.dataSet().bytes(0x7FE00010);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void systemThroughThePeerBothWays() {
        JsonNode orthancSystem = ok(o.get("/system"));
        assertThat(ok(i.get("/peers/orthanc/system"))).isEqualTo(orthancSystem);
        JsonNode isengardSystem = ok(i.get("/system"));
        assertThat(ok(o.get("/peers/isengard/system"))).isEqualTo(isengardSystem);
    }

    static final Map<String, String> DEFINITIONS = Map.of(
            "pshort", "[\"http://127.0.0.1:8143\"]",
            "pauth", "[\"http://127.0.0.1:8143/\", \"bob\", \"secret\"]",
            "padv", "{\"Url\":\"http://127.0.0.1:8143\",\"Username\":\"bob\",\"Password\":\"secret\","
                    + "\"HttpHeaders\":{\"X-Token\":\"abc\"},\"Timeout\":7,\"RemoteSelf\":\"me\",\"Flag\":true,"
                    + "\"Num\":3}",
            "pnoscheme", "{\"URL\":\"localhost:8143\"}");

    @Test
    void peerDescriptionsAreOrthancs() {
        DEFINITIONS.forEach((name, def) -> {
            put(o, name, def);
            put(i, name, def);
        });
        JsonNode oe = ok(o.get("/peers?expand"));
        JsonNode ie = ok(i.get("/peers?expand"));
        for (String name : DEFINITIONS.keySet()) {
            assertThat(ie.get(name)).as("/peers?expand " + name).isEqualTo(oe.get(name));
            assertThat(ok(i.get("/peers/" + name + "/configuration"))).as("configuration of " + name)
                    .isEqualTo(ok(o.get("/peers/" + name + "/configuration")));
            assertThat(ok(i.get("/peers/" + name))).isEqualTo(ok(o.get("/peers/" + name)));
            assertThat(ok(i.get("/peers/" + name + "/configuration"))).isEqualTo(ie.get(name));
        }
        DEFINITIONS.keySet().forEach(name -> {
            HttpAnswer a = o.send("DELETE", "/peers/" + name, null);
            HttpAnswer b = i.send("DELETE", "/peers/" + name, null);
            assertThat(b.status()).isEqualTo(a.status()).isEqualTo(200);
            assertThat(b.isEmpty()).isEqualTo(a.isEmpty()).isTrue();
        });
        // The same list but the peer each has of the other (other tests add the same peers to both).
        List<String> ours = new ArrayList<>();
        ok(i.get("/peers")).forEach(n -> ours.add(n.asText()));
        List<String> theirs = new ArrayList<>();
        ok(o.get("/peers")).forEach(n -> theirs.add(n.asText()));
        ours.remove("orthanc");
        theirs.remove("isengard");
        assertThat(ours).isEqualTo(theirs).doesNotContainAnyElementsOf(DEFINITIONS.keySet());
    }

    /** Status and Orthanc error code alike; the details printed side by side (differences in docs/peers.md). */
    static void sameError(String what, HttpAnswer ref, HttpAnswer ours) {
        System.out.printf("%s%n  Orthanc : %d %s%n  Isengard: %d %s%n", what, ref.status(), ref.text().strip(),
                ours.status(), ours.text().strip());
        assertThat(ours.status()).as(what + " status").isEqualTo(ref.status());
        JsonNode r = ref.jsonOrNull();
        JsonNode g = ours.jsonOrNull();
        if (r == null || !r.has("OrthancStatus")) {
            assertThat(ours.isEmpty()).as(what + ": Orthanc's body is empty").isEqualTo(ref.isEmpty());
            return;
        }
        assertThat(g).as(what + " error body").isNotNull();
        assertThat(g.get("OrthancStatus")).as(what + " OrthancStatus").isEqualTo(r.get("OrthancStatus"));
        assertThat(g.get("Message")).as(what + " Message").isEqualTo(r.get("Message"));
    }

    @Test
    void errorsOfTheConfigurationRoutesAreOrthancs() {
        for (String def : List.of("[\"http://h/\", \"u\"]", "[\"ftp://h/\"]", "[\"\"]",
                "{\"Url\":\"http://h\",\"HttpHeaders\":{\"X\":1}}", "{\"Url\":\"http://h\",\"Extra\":[1]}",
                "[\"http://h/\", \"a\", \"b\", \"c\"]", "not json",
                "{\"Url\":\"http://h\",\"CertificateFile\":\"/nonexistent.pem\"}")) {
            sameError("PUT /peers/x " + def, o.send("PUT", "/peers/x", def.getBytes()),
                    i.send("PUT", "/peers/x", def.getBytes()));
        }
        sameError("PUT /peers/a.b", o.send("PUT", "/peers/a.b", "[\"http://h/\"]".getBytes()),
                i.send("PUT", "/peers/a.b", "[\"http://h/\"]".getBytes()));
        sameError("GET /peers/nope", o.get("/peers/nope"), i.get("/peers/nope"));
        sameError("GET /peers/nope/configuration", o.get("/peers/nope/configuration"),
                i.get("/peers/nope/configuration"));
        sameError("GET /peers/nope/system", o.get("/peers/nope/system"), i.get("/peers/nope/system"));
        sameError("DELETE /peers/nope", o.send("DELETE", "/peers/nope", null), i.send("DELETE", "/peers/nope", null));
    }

    @Test
    void errorsOfStoreAreOrthancs() {
        String unknown = "00000000-00000000-00000000-00000000-00000000";
        for (String body : List.of("nope", "12", "{}", "{\"Resources\":\"x\"}", "[1]", "[\"abc\"]",
                "[\"" + unknown + "\"]")) {
            sameError("POST /peers/{x}/store " + body, o.post("/peers/isengard/store", body),
                    i.post("/peers/orthanc/store", body));
        }
        String id = files.get(0).instance();
        sameError("store to an unknown peer", o.post("/peers/nope/store", id), i.post("/peers/nope/store", id));
        // A port where nothing listens.
        String dead = "[\"http://127.0.0.1:" + TestDirs.freePort() + "/\"]";
        put(o, "dead", dead);
        put(i, "dead", dead);
        uploadAllTo(o);
        sameError("store to an unreachable peer", o.post("/peers/dead/store", id), i.post("/peers/dead/store", id));
        sameError("system of an unreachable peer", o.get("/peers/dead/system"), i.get("/peers/dead/system"));
        sameError("store-straight to an unreachable peer", o.post("/peers/dead/store-straight", "x"),
                i.post("/peers/dead/store-straight", "x"));
        assertThat(i.post("/peers/dead/store", id).json().get("Details").asText())
                .contains("dead", "Couldn't connect to server");
        deleteAll(o);
    }

    @Test
    void aWrongPasswordIsAClearError() {
        put(o, "badpw", "[\"http://127.0.0.1:" + isengard.httpPort() + "\", \"alice\", \"wrong\"]");
        put(i, "badpw", "[\"http://127.0.0.1:" + isengard.httpPort() + "\", \"alice\", \"wrong\"]");
        String id = files.get(0).instance();
        uploadAllTo(o);
        sameError("store with a wrong password", o.post("/peers/badpw/store", id), i.post("/peers/badpw/store", id));
        assertThat(i.post("/peers/badpw/store", id).json().get("Details").asText())
                .contains("HTTP 401", "Username", "Password");
        // Orthanc can't relay a 401 through its REST API: 500, error 2005; Isengard says which status came back.
        sameError("system with a wrong password", o.get("/peers/badpw/system"), i.get("/peers/badpw/system"));
        assertThat(i.get("/peers/badpw/system").json().get("Details").asText()).contains("HTTP 401");
        deleteAll(o);
    }

    @Test
    void storeStraightForwardsTheFileAndTheAnswer() throws IOException {
        byte[] dicom = Files.readAllBytes(SampleFiles.get("DummyCT.dcm"));
        deleteAll(o);
        JsonNode toOrthanc = ok(i.post("/peers/orthanc/store-straight", dicom));
        assertThat(toOrthanc.get("Status").asText()).isEqualTo("Success");
        assertThat(instancesOn(o)).containsExactly(toOrthanc.get("ID").asText());
        JsonNode toIsengard = ok(o.post("/peers/isengard/store-straight", dicom));
        assertThat(toIsengard.get("Status").asText()).isEqualTo("AlreadyStored");
        assertThat(toIsengard.get("ID")).isEqualTo(toOrthanc.get("ID"));
        assertThat(toIsengard.fieldNames()).toIterable().containsExactlyElementsOf(() -> toOrthanc.fieldNames());
        deleteAll(o);
    }

    @Test
    void exportsAreLoggedLikeOrthancs() {
        Ids f = files.get(0);
        uploadAllTo(i);
        uploadAllTo(o);
        ok(i.post("/peers/orthanc/store", "[\"" + f.study() + "\", \"" + f.instance() + "\"]"));
        ok(o.post("/peers/isengard/store", "[\"" + f.study() + "\", \"" + f.instance() + "\"]"));
        JsonNode ie = ok(i.get("/exports")).get("Exports");
        JsonNode oe = ok(o.get("/exports")).get("Exports");
        JsonNode iStudy = ie.get(ie.size() - 2);
        JsonNode oStudy = oe.get(oe.size() - 2);
        JsonNode iInstance = ie.get(ie.size() - 1);
        JsonNode oInstance = oe.get(oe.size() - 1);
        for (JsonNode[] pair : new JsonNode[][] {{iStudy, oStudy}, {iInstance, oInstance}}) {
            ObjectNode a = pair[0].deepCopy();
            ObjectNode b = pair[1].deepCopy();
            assertThat(a.get("RemoteModality").asText()).isEqualTo("orthanc");
            assertThat(b.get("RemoteModality").asText()).isEqualTo("isengard");
            for (String k : List.of("Seq", "Date", "RemoteModality")) {
                a.remove(k);
                b.remove(k);
            }
            assertThat(a).isEqualTo(b);
        }
        assertThat(iStudy.size()).isEqualTo(8);
        assertThat(iInstance.size()).isEqualTo(10);

        // Paging like /changes: same shapes on both (the Seq values are each server's own).
        for (RestClient c : List.of(o, i)) {
            JsonNode all = ok(c.get("/exports")).get("Exports");
            long first = all.get(0).get("Seq").asLong();
            long last = all.get(all.size() - 1).get("Seq").asLong();
            JsonNode page = ok(c.get("/exports?limit=1"));
            assertThat(page.get("Exports")).as(c.name()).hasSize(1);
            assertThat(page.get("Done").asBoolean()).as(c.name()).isFalse();
            assertThat(page.get("Last").asLong()).as(c.name()).isEqualTo(first);
            JsonNode rest = ok(c.get("/exports?since=" + first + "&limit=1000"));
            assertThat(rest.get("Exports")).as(c.name()).hasSize(all.size() - 1);
            assertThat(rest.get("Done").asBoolean()).as(c.name()).isTrue();
            assertThat(rest.get("Last").asLong()).as(c.name()).isEqualTo(last);
            JsonNode beyond = ok(c.get("/exports?since=" + (last + 100)));
            assertThat(beyond.get("Exports")).as(c.name()).isEmpty();
            assertThat(beyond.get("Last").asLong()).as(c.name() + ": Last = since when empty").isEqualTo(last + 100);
            JsonNode lastOne = ok(c.get("/exports?last"));
            assertThat(lastOne.get("Exports")).as(c.name()).hasSize(1);
            assertThat(lastOne.get("Exports").get(0).get("Seq").asLong()).as(c.name()).isEqualTo(last);
        }
        deleteAll(o);
    }
}
