package io.isengard.server.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadBodyTest {
    @TempDir
    Path dir;

    /** Takes what the publisher gives, asking for {@code perRequest} items at a time. */
    private static final class Collector implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        private final long perRequest;
        private final int cancelAfter;
        private Flow.Subscription subscription;
        private int received;

        Collector(long perRequest, int cancelAfter) {
            this.perRequest = perRequest;
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(perRequest);
        }

        @Override
        public void onNext(ByteBuffer item) {
            byte[] b = new byte[item.remaining()];
            item.get(b);
            bytes.writeBytes(b);
            received++;
            if (received == cancelAfter) {
                subscription.cancel();
                return;
            }
            if (perRequest == 1) {
                subscription.request(1); // from inside onNext, as the HTTP client may
            }
        }

        @Override
        public void onError(Throwable t) {
            events.add("error " + t.getMessage());
        }

        @Override
        public void onComplete() {
            events.add("complete");
        }
    }

    private Path file(int size) throws IOException {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return Files.write(dir.resolve("f" + size), content);
    }

    @Test
    void everyAttemptPublishesTheWholeFileInOrder() throws IOException {
        Path f = file(525_354);
        try (ReadAheadBody body = ReadAheadBody.read(f).orElseThrow()) {
            assertThat(body.length()).isEqualTo(525_354);
            HttpRequest.BodyPublisher publisher = body.publisher();
            assertThat(publisher.contentLength()).isEqualTo(525_354);
            for (long perRequest : new long[] {1, 2, Long.MAX_VALUE}) {
                Collector c = new Collector(perRequest, -1);
                publisher.subscribe(c);
                if (perRequest == 2) {
                    while (!c.events.contains("complete") && c.bytes.size() < 525_354) {
                        c.subscription.request(2);
                    }
                }
                assertThat(c.bytes.toByteArray()).as("asking %d at a time", perRequest)
                        .isEqualTo(Files.readAllBytes(f));
                assertThat(c.events).containsExactly("complete");
            }
            body.delivered();
        }
    }

    @Test
    void aCancelledSubscriptionGetsNothingMore() throws IOException {
        try (ReadAheadBody body = ReadAheadBody.read(file(600_000)).orElseThrow()) {
            Collector c = new Collector(1, 1);
            body.publisher().subscribe(c);
            assertThat(c.received).isEqualTo(1);
            assertThat(c.events).isEmpty();
        }
    }

    @Test
    void aNonPositiveRequestEndsWithAnError() throws IOException {
        try (ReadAheadBody body = ReadAheadBody.read(file(10)).orElseThrow()) {
            Collector c = new Collector(0, -1);
            body.publisher().subscribe(c);
            assertThat(c.events).singleElement().asString().startsWith("error request(0)");
        }
    }

    @Test
    void largeAndEmptyFilesAreLeftToTheFilePublisher() throws IOException {
        assertThat(ReadAheadBody.read(file((int) ReadAheadBody.MAX_LENGTH + 1))).isEmpty();
        assertThat(ReadAheadBody.read(file(0))).as("a body of known length is not empty").isEmpty();
    }
}
