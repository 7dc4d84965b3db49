package io.isengard.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.model.Md5;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attachment larger than the server's heap: uploaded (PUT), read back,
 * compressed, verified and uncompressed by a server whose JVM has 64 MiB of
 * heap. Each step must stream; one that held the attachment in memory would
 * fail with OutOfMemoryError (a 500, or a dead server).
 */
class LargeAttachmentTest {
    private static final long SIZE = 160L << 20;
    private static final long FREE_SPACE_NEEDED = 2L << 30;

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anAttachmentLargerThanTheHeapStreamsThroughEveryRoute() throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        Assumptions.assumeTrue(free >= FREE_SPACE_NEEDED, "LargeAttachmentTest needs 2 GiB free in " + dir
                + ", has " + (free >> 20) + " MiB: skipped");
        String config = "\"StorageDirectory\": \"" + dir.resolve("storage") + "\", \"UserContentType\": "
                + "{\"big\": 1030}";
        try (IsengardProcess server = IsengardProcess.start(dir, config, "large-attachment",
                List.of("-Xmx64m", "-Djava.io.tmpdir=" + dir))) {
            String patient = upload(server);
            String big = server.url("/patients/" + patient + "/attachments/big");
            String md5 = md5(new Generated(SIZE));

            HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create(big))
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(SIZE))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body() + "\n" + server.logTail()).isEqualTo(200);
            assertThat(put.headers().firstValue("ETag")).contains("\"0-" + md5 + "\"");
            assertThat(text(big + "/size")).isEqualTo(Long.toString(SIZE));
            assertThat(text(big + "/md5")).isEqualTo(md5);
            assertThat(downloadedMd5(big + "/data")).isEqualTo(md5);

            assertThat(post(big + "/compress")).isEqualTo(200);
            assertThat(text(big + "/is-compressed")).isEqualTo("1");
            assertThat(Long.parseLong(text(big + "/compressed-size"))).isLessThan(SIZE);
            assertThat(post(big + "/verify-md5")).isEqualTo(200);
            assertThat(downloadedMd5(big + "/data")).isEqualTo(md5);

            assertThat(post(big + "/uncompress")).isEqualTo(200);
            assertThat(text(big + "/is-compressed")).isEqualTo("0");
            assertThat(downloadedMd5(big + "/data")).isEqualTo(md5);
            assertThat(client.send(HttpRequest.newBuilder(URI.create(big)).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(server.logTail()).doesNotContain("OutOfMemoryError");
        }
    }

    /** A small instance, to have a patient to attach to. */
    private String upload(IsengardProcess server) throws Exception {
        Path sample = io.isengard.server.testing.Samples.get("DummyCT.dcm");
        Assumptions.assumeTrue(Files.isRegularFile(sample), "sample DummyCT.dcm not found");
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url("/instances")))
                .POST(HttpRequest.BodyPublishers.ofFile(sample)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return io.isengard.server.rest.Json.MAPPER.readTree(r.body()).get("ParentPatient").asText();
    }

    private String text(String url) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    private int post(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String downloadedMd5(String url) throws Exception {
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        return md5(r.body());
    }

    private static String md5(InputStream in) throws IOException {
        MessageDigest md = Md5.digest();
        try (DigestInputStream d = new DigestInputStream(in, md)) {
            d.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** {@code size} bytes of text lines with a counter: the same on every read, somewhat compressible. */
    static final class Generated extends InputStream {
        private final long size;
        private long position;
        private byte[] line = new byte[0];
        private int lineOffset;
        private long lineNumber;

        Generated(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                if (lineOffset == line.length) {
                    line = ("line " + lineNumber + " of a large attachment, " + (lineNumber * 2654435761L % 1000003)
                            + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    lineNumber++;
                    lineOffset = 0;
                }
                b[off + i] = line[lineOffset++];
            }
            position += n;
            return n;
        }
    }
}
