package io.isengard.server.differential;

import static io.isengard.server.differential.RequestCase.get;
import static io.isengard.server.differential.RequestCase.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /system, and wrong requests compared between the reference Orthanc and
 * Isengard: unknown IDs, wrong levels, wrong methods, unknown routes, bad
 * arguments, bodies that are not DICOM or not JSON, method overriding.
 * Status, the headers that matter and the error JSON field by field.
 */
class RequestDifferentialTest {
    private static ServerPair servers;

    @BeforeAll
    static void start() {
        servers = ServerPair.start(ServerPair.openConfiguration());
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static DiffReport report(String title) {
        return new DiffReport(title, servers.referenceVersion());
    }

    private static void run(String title, List<RequestCase> cases) {
        DiffReport report = report(title);
        cases.forEach(c -> c.run(servers, report));
        report.finish();
    }

    /** "ApiVersion" of each release (rest-core.md §0). */
    private static final Map<String, Integer> API_VERSIONS = Map.ofEntries(Map.entry("1.12.0", 20),
            Map.entry("1.12.1", 21), Map.entry("1.12.2", 22), Map.entry("1.12.3", 23), Map.entry("1.12.4", 24),
            Map.entry("1.12.5", 26), Map.entry("1.12.6", 27), Map.entry("1.12.7", 28), Map.entry("1.12.8", 29),
            Map.entry("1.12.9", 29), Map.entry("1.12.10", 29), Map.entry("1.12.11", 30));

    @Test
    void system() {
        DiffReport report = report("/system");
        HttpAnswer ref = servers.reference().get("/system");
        HttpAnswer isg = servers.candidate().get("/system");
        ObjectNode r = ownPorts(ref.comparable(), servers.orthanc().httpPort(), servers.orthanc().dicomPort());
        ObjectNode g = ownPorts(isg.comparable(), servers.isengard().httpPort(), servers.isengard().dicomPort());
        report.compare("GET /system", r, g, JsonDiff.ordered(), KnownDifferences.SYSTEM);
        JsonNode body = isg.json();
        String version = body.path("Version").asText();
        report.expect("GET /system", "ApiVersion of the reported Version (rest-core.md §0)",
                API_VERSIONS.containsKey(version) && API_VERSIONS.get(version) == body.path("ApiVersion").asInt(),
                "ApiVersion " + API_VERSIONS.get(version) + " for Version " + version,
                "ApiVersion " + body.path("ApiVersion"));
        report.note("Orthanc reports Version " + ref.json().path("Version").asText() + " / ApiVersion "
                + ref.json().path("ApiVersion") + "; Isengard " + version + " / " + body.path("ApiVersion"));
        report.finish();
    }

    /** HttpPort and DicomPort must be each server's own; then they compare equal. */
    private static ObjectNode ownPorts(ObjectNode answer, int http, int dicom) {
        JsonNode body = answer.get("Body");
        if (body instanceof ObjectNode o) {
            if (o.path("HttpPort").asInt() == http) {
                o.put("HttpPort", "(its own HTTP port)");
            }
            if (o.path("DicomPort").asInt() == dicom) {
                o.put("DicomPort", "(its own DICOM port)");
            }
        }
        return answer;
    }

    @Test
    void unknownIdentifiers() {
        run("unknown IDs", List.of(
                get("/patients/nope"), get("/studies/nope"), get("/series/nope"), get("/instances/nope"),
                get("/patients/nope/studies"), get("/patients/nope/series"), get("/patients/nope/instances"),
                get("/studies/nope/series"), get("/studies/nope/instances"), get("/studies/nope/patient"),
                get("/series/nope/instances"), get("/series/nope/study"), get("/series/nope/patient"),
                get("/instances/nope/series"), get("/instances/nope/study"), get("/instances/nope/patient"),
                request("DELETE", "/patients/nope"), request("DELETE", "/studies/nope"),
                request("DELETE", "/series/nope"), request("DELETE", "/instances/nope"),
                get("/patients/6816cb19-844d5aee-85245eba-28e841e6-2414fae2"),
                get("/instances/6816cb19-844d5aee-85245eba-28e841e6-2414fae2/patient")));
    }

    /** An existing resource asked for at another level is unknown (resources.md §6, §8). */
    @Test
    void identifiersOfAnotherLevel() {
        JsonNode stored = upload("DummyCT.dcm");
        String patient = stored.get("ParentPatient").asText();
        String study = stored.get("ParentStudy").asText();
        String instance = stored.get("ID").asText();
        run("IDs of another level", List.of(
                get("/studies/" + patient), get("/patients/" + instance), get("/series/" + study),
                request("DELETE", "/series/" + study), request("DELETE", "/patients/" + study),
                get("/series/" + patient + "/instances").known(WRONG_LEVEL_ON_CHILD_ROUTE),
                get("/instances/" + study + "/patient").known(WRONG_LEVEL_ON_PARENT_ROUTE)));
    }

    /**
     * Not in the spec. 1.10 walks down from whatever resource the ID names
     * (a patient's studies taken as "instances" of the series, none found:
     * 200 []); Isengard answers 404 Unknown resource, as for an unknown ID.
     */
    private static final List<KnownDifference> WRONG_LEVEL_ON_CHILD_ROUTE = List.of(KnownDifference.deliberate("/**",
            "ID of another level on a child route (unspecified): 1.10 walks the children of whatever it is and "
                    + "answers 200 [], Isengard 404 Unknown resource as for an unknown ID"));

    /** Not in the spec: 1.10 walks up from the resource, misses a parent and leaves the call unanswered. */
    private static final List<KnownDifference> WRONG_LEVEL_ON_PARENT_ROUTE = KnownDifferences.concat(
            KnownDifferences.ERRORS, List.of(KnownDifference.deliberate("/Body",
                    "ID of another level on a parent route (unspecified): 1.10 answers 404 without body, "
                            + "Isengard 404 with the Unknown resource error body, as for an unknown ID",
                    Difference.Type.ONLY_IN_ISENGARD)));

    private static JsonNode upload(String sample) {
        return servers.upload(sample);
    }

    @Test
    void wrongMethods() {
        run("wrong methods (405 + Allow)", List.of(
                request("PUT", "/system").body("hello"), request("DELETE", "/system"),
                request("POST", "/statistics").body("{}"), request("POST", "/patients").body("{}"),
                request("PUT", "/instances").body("x"), request("DELETE", "/instances"),
                request("PUT", "/patients/nope").body("x"), request("POST", "/patients/nope").body("x"),
                request("POST", "/studies/nope/series").body("x")));
    }

    @Test
    void unknownRoutes() {
        run("unknown routes", List.of(
                get("/nope"), get("/tools/nope"), get("/patients/nope/nope"), get("/patients/nope/nope/nope"),
                request("POST", "/nope").body("x"), request("DELETE", "/nope"), request("PUT", "/nope").body("x")));
    }

    @Test
    void unusualVerbsAndPaths() {
        run("verbs and path normalisation", List.of(
                request("PATCH", "/system").body("x"), request("HEAD", "/system"), request("OPTIONS", "/system"),
                get("//statistics/").known(KnownDifferences.HEADERS),
                get("/statistics/").known(KnownDifferences.HEADERS),
                get("/%73tatistics").known(KnownDifferences.HEADERS)));
    }

    @Test
    void badArguments() {
        run("bad GET arguments", List.of(
                get("/patients?since=1"), get("/patients?limit=1"), get("/studies?since=x&limit=2"),
                get("/series?since=1&limit=y"), get("/instances?since=-1&limit=2"),
                get("/instances?since=0&limit=-1").known(KnownDifferences.HEADERS),
                get("/instances?since=%205&limit=2"), get("/instances?since=99999999999999999999&limit=2"),
                get("/patients?expand=maybe").changedIn(SampleDifferentialTest.BOOLEAN_EXPAND.toString(),
                        "a non-Boolean expand is rejected (resources.md §8); 1.10 treats it as true",
                        "400 ParameterOutOfRange (3)", a -> RequestCase.isError(a, 400, 3))));
    }

    @Test
    void bodiesThatAreNotDicom() throws IOException {
        byte[] png = Files.readAllBytes(SampleFiles.get("Formats/Brainix.png"));
        byte[] dicom = Files.readAllBytes(SampleFiles.get("DummyCT.dcm"));
        byte[] preambleOnly = new byte[132];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, preambleOnly, 128, 4);
        run("POST /instances with bodies that are not DICOM", List.of(
                request("POST", "/instances").body("hello"),
                request("POST", "/instances").body(new byte[0]),
                request("POST", "/instances").body(png),
                request("POST", "/instances").body(Arrays.copyOf(dicom, 300)),
                request("POST", "/instances").body(preambleOnly),
                request("POST", "/instances").body("{\"Tags\":{}}").header("Content-Type", "application/json"),
                request("POST", "/instances").body("hello").header("Content-Encoding", "gzip"),
                request("POST", "/instances").body(gzip("hello".getBytes(StandardCharsets.US_ASCII)))
                        .header("Content-Encoding", "gzip"),
                request("POST", "/instances").body("PK\u0003\u0004 not a zip")));
    }

    /** ZIP archives (entries that are not DICOM skipped, duplicates answered twice) and gzip (rest-core.md §3). */
    @Test
    void zipAndGzipUploads() throws IOException {
        byte[] jpeg = Files.readAllBytes(SampleFiles.get("Formats/Jpeg.dcm"));
        byte[] small = Files.readAllBytes(SampleFiles.get("Issue137.dcm"));
        byte[] dicomdir = Files.readAllBytes(SampleFiles.get("Encodings/DavidClunie/DICOMDIR"));
        byte[] zip = zip(Map.of("a/jpeg.dcm", jpeg, "b/readme.txt", "not DICOM".getBytes(StandardCharsets.US_ASCII),
                "c/DICOMDIR", dicomdir, "d/empty", new byte[0], "e/again.dcm", jpeg, "f/small.dcm", small));
        run("ZIP and gzip uploads", List.of(
                request("POST", "/instances").body(zip).known(KnownDifferences.HEADERS),
                request("POST", "/instances").body(gzip(small)).header("Content-Encoding", "gzip")
                        .known(KnownDifferences.HEADERS),
                request("POST", "/instances").body(gzip(small)).header("Content-Encoding", "GZIP")
                        .known(KnownDifferences.HEADERS),
                request("POST", "/instances").body(gzip(small)).header("Content-Encoding", "deflate")));
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(b)) {
            for (String name : new java.util.TreeSet<>(entries.keySet())) {
                z.putNextEntry(new java.util.zip.ZipEntry(name));
                z.write(entries.get(name));
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(data);
        }
        return b.toByteArray();
    }

    @Test
    void methodOverride() {
        run("method overriding (X-HTTP-Method-Override, _method)", List.of(
                get("/system").header("X-HTTP-Method-Override", "DELETE"),
                request("POST", "/studies/nope").body("").header("X-HTTP-Method-Override", "DELETE"),
                request("POST", "/statistics").body("").header("X-HTTP-Method-Override", "GET")
                        .known(KnownDifferences.HEADERS),
                request("POST", "/system").body("").header("X-HTTP-Method-Override", "PATCH"),
                get("/patients/nope?_method=DELETE"),
                get("/system?_method=DELETE"),
                get("/system?_method=delete"),
                get("/system?_method=PATCH"),
                get("/statistics?_method=GET").known(KnownDifferences.HEADERS)));
    }

    /** A JSON route both servers have: POST /tools/find (rest-core.md §9, §16). */
    @Test
    void badJsonBodies() {
        Pending.requireRoute(servers.candidate().post("/tools/find", "{}"), "POST /tools/find");
        run("bad JSON bodies (POST /tools/find)", List.of(
                request("POST", "/tools/find").body("{"),
                request("POST", "/tools/find").body(""),
                request("POST", "/tools/find").body("[]"),
                request("POST", "/tools/find").body("\"Study\""),
                request("POST", "/tools/find").body("{\"Level\":\"Study\"}"),
                request("POST", "/tools/find").body("{\"Level\":\"Foo\",\"Query\":{}}")));
    }
}
