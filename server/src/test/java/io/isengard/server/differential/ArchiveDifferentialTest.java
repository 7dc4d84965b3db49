package io.isengard.server.differential;

import static io.isengard.server.differential.RequestCase.get;
import static io.isengard.server.differential.RequestCase.request;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Synchronous ZIP archives (modify-anonymize-archive.md §8) against the
 * reference Orthanc: the same files, byte for byte, in the same
 * patient/study/series tree, the same comment and headers, and the same
 * errors. The names inside differ on purpose: Isengard writes 1.12.11's
 * (punctuation kept, files numbered by InstanceNumber), 1.10.1 its own
 * (punctuation dropped, files counted from 0); the test checks Isengard's
 * names against the 1.12.11 names the spec records.
 */
class ArchiveDifferentialTest {
    private static ServerPair servers;
    private static String brainixStudy;
    private static String kneeStudy;

    @BeforeAll
    static void start() {
        servers = ServerPair.start(ServerPair.openConfiguration());
        for (String sample : List.of("Brainix/Flair/IM-0001-0001.dcm", "Brainix/Flair/IM-0001-0002.dcm",
                "Knee/T1/IM-0001-0001.dcm", "Knee/T1/IM-0001-0002.dcm", "DummyCT.dcm")) {
            String study = servers.upload(sample).get("ParentStudy").asText();
            if (sample.startsWith("Brainix")) {
                brainixStudy = study;
            } else if (sample.startsWith("Knee")) {
                kneeStudy = study;
            }
        }
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void archivesHoldTheSameFilesInTheSameTreeWithOrthanc1_12_11Names() {
        DiffReport report = new DiffReport("archives", servers.referenceVersion());
        List<String> paths = new ArrayList<>();
        for (String uri : List.of("/studies/" + brainixStudy + "/archive", "/studies/" + kneeStudy
                + "/archive?filename=knee.zip", "/patients/" + patientOf(kneeStudy) + "/archive")) {
            compareArchives(report, "GET " + uri, servers.reference().get(uri), servers.candidate().get(uri), paths);
        }
        String body = "{\"Resources\": [\"" + brainixStudy + "\", \"" + seriesOf(kneeStudy) + "\"],"
                + " \"Filename\": \"tw\\\"o.zip\"}";
        HttpAnswer ref = servers.reference().post("/tools/create-archive", body.getBytes());
        HttpAnswer isg = servers.candidate().post("/tools/create-archive", body.getBytes());
        compareArchives(report, "POST /tools/create-archive", ref, isg, paths);
        // GET /tools/create-archive?resources= came with 1.11.0: the same files as the POST.
        String list = "/tools/create-archive?resources=" + kneeStudy + "," + brainixStudy;
        compareArchives(report, "GET " + list, servers.reference().post("/tools/create-archive",
                ("[\"" + kneeStudy + "\", \"" + brainixStudy + "\"]").getBytes()), servers.candidate().get(list), paths);
        // The 1.12.11 names of these files, as modify-anonymize-archive.md §8.4 records them.
        for (String expected : List.of("5Yp0E BRAINIX/0 IRM crbrale, neuro-crne/MR sT2W FLAIR/MR000001.dcm",
                "5Yp0E BRAINIX/0 IRM crbrale, neuro-crne/MR sT2W FLAIR/MR000002.dcm",
                "887 KNEE/A10003245599 IRM DU GENOU/MR T1W_aTSE/MR000001.dcm",
                "887 KNEE/A10003245599 IRM DU GENOU/MR T1W_aTSE/MR000002.dcm")) {
            report.expect("archive names", expected, paths.contains(expected), "present", "Isengard's: " + paths);
        }
        report.finish();
    }

    @Test
    void wrongRequestsAnswerAsOrthanc() {
        DiffReport report = new DiffReport("archive errors", servers.referenceVersion());
        String instance = servers.reference().get("/instances").json().get(0).asText();
        List.of(get("/studies/0000-unknown/archive"),
                get("/instances/" + instance + "/archive"),
                request("POST", "/tools/create-archive").body("{}"),
                request("POST", "/tools/create-archive").body("[1]"),
                request("POST", "/tools/create-archive").body("{\"Resources\": [\"nope\"]}"),
                request("POST", "/tools/create-archive").body("[\"nope\"]"),
                get("/tools/create-archive?resources=nope").changedIn("1.11.0",
                        "modify-anonymize-archive.md §8.1: GET /tools/create-archive?resources=",
                        "404, Unknown resource", a -> a.status() == 404 && a.text().contains("Unknown resource")))
                .forEach(c -> c.known(KnownDifferences.ERRORS).run(servers, report));
        report.finish();
    }

    @Test
    void whatIsNotImplementedIsRefusedWithAnError() {
        for (String body : List.of("{\"Asynchronous\": true}", "{\"Synchronous\": false}",
                "{\"Transcode\": \"1.2.840.10008.1.2.4.50\"}")) {
            HttpAnswer a = servers.candidate().post("/studies/" + kneeStudy + "/archive", body.getBytes());
            org.assertj.core.api.Assertions.assertThat(a.status()).as(body).isEqualTo(500);
            org.assertj.core.api.Assertions.assertThat(a.text()).as(body).contains("not implemented by Isengard");
        }
        HttpAnswer a = servers.candidate().get("/studies/" + kneeStudy + "/archive?transcode=1.2.840.10008.1.2.4.50");
        org.assertj.core.api.Assertions.assertThat(a.status()).isEqualTo(500);
        org.assertj.core.api.Assertions.assertThat(a.text()).contains("Transcoding archives");
    }

    private static String patientOf(String study) {
        return servers.reference().get("/studies/" + study).json().get("ParentPatient").asText();
    }

    private static String seriesOf(String study) {
        return servers.reference().get("/studies/" + study).json().get("Series").get(0).asText();
    }

    /**
     * Same status, type, disposition and comment; the same folders (counted by
     * depth) and, per folder position, the same file contents. Isengard's
     * paths go to {@code paths}.
     */
    private static void compareArchives(DiffReport report, String context, HttpAnswer ref, HttpAnswer isg,
            List<String> paths) {
        report.expect(context, "status", ref.status() == 200 && isg.status() == 200, "200 and 200",
                ref.status() + " and " + isg.status() + ": " + isg.text());
        if (ref.status() != 200 || isg.status() != 200) {
            return;
        }
        for (String h : List.of("Content-Type", "Connection", "Keep-Alive", "Content-Length")) {
            report.expect(context, h, java.util.Objects.equals(ref.header(h), isg.header(h)), ref.header(h),
                    isg.header(h));
        }
        // 1.10.1 ignores "filename" and "Filename" (1.11.0+, spec §8.1): Isengard must honour them.
        String asked = context.contains("filename=") ? "knee.zip" : context.startsWith("POST") ? "two.zip" : null;
        String disposition = asked != null && servers.referenceVersion().isOlderThan(OrthancVersion.parse("1.11.0"))
                ? "filename=\"" + asked + "\"" : ref.header("Content-Disposition");
        report.expect(context, "Content-Disposition", disposition.equals(isg.header("Content-Disposition")),
                disposition, isg.header("Content-Disposition"));
        report.expect(context, "ZIP comment", comment(ref.body()).equals(comment(isg.body())), comment(ref.body()),
                comment(isg.body()));
        Map<String, String> r = entries(ref.body());
        Map<String, String> g = entries(isg.body());
        paths.addAll(g.keySet());
        report.expect(context, "number of files", r.size() == g.size(), r.size() + " " + r.keySet(),
                g.size() + " " + g.keySet());
        report.expect(context, "the files' contents (MD5s)", new java.util.TreeSet<>(r.values()).equals(
                new java.util.TreeSet<>(g.values())), r.values().toString(), g.values().toString());
        report.expect(context, "patient/study/series/file tree", depths(r).equals(depths(g)), depths(r).toString(),
                depths(g).toString());
    }

    /** Path → MD5 of the content. */
    private static Map<String, String> entries(byte[] zip) {
        Map<String, String> out = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                        .digest(in.readAllBytes())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** How many files sit in each series folder, in the order of the folders' (patient, study) positions. */
    private static List<Integer> depths(Map<String, String> entries) {
        Map<String, Integer> perFolder = new TreeMap<>();
        entries.keySet().forEach(p -> perFolder.merge(p.substring(0, p.lastIndexOf('/')) + "|" + p.split("/").length,
                1, Integer::sum));
        List<Integer> counts = new ArrayList<>(perFolder.values());
        counts.sort(null);
        return counts;
    }

    private static String comment(byte[] zip) {
        try {
            Path tmp = Files.createTempFile("archive", ".zip");
            try {
                Files.write(tmp, zip);
                try (ZipFile z = new ZipFile(tmp.toFile())) {
                    return String.valueOf(z.getComment());
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
