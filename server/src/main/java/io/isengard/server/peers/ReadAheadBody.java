package io.isengard.server.peers;

import io.isengard.server.storage.DirectBuffers;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * A stored file read ahead into direct buffers ({@link DirectBuffers}) and
 * given to the HTTP client as they are: the client writes direct buffers to
 * the socket without copying them, where the JDK's file publisher reads
 * 16 KiB heap arrays through the page cache and copies each once more on its
 * way out. Every attempt of a request publishes views of the same buffers.
 */
final class ReadAheadBody implements AutoCloseable {
    /** Larger files are sent by the JDK's file publisher (a few buffers per request in flight is the budget). */
    static final long MAX_LENGTH = 16L * DirectBuffers.CAPACITY;

    private final List<ByteBuffer> buffers;
    private final long length;
    private boolean delivered;

    private ReadAheadBody(List<ByteBuffer> buffers, long length) {
        this.buffers = buffers;
        this.length = length;
    }

    /**
     * The file's bytes, or empty when it is larger than {@link #MAX_LENGTH} or
     * empty (a publisher of known length cannot be of length 0).
     */
    static Optional<ReadAheadBody> read(Path file) throws IOException {
        try (DirectBuffers.SequentialFile source = DirectBuffers.SHARED.openForReading(file)) {
            if (source.size() > MAX_LENGTH || source.size() == 0) {
                return Optional.empty();
            }
            List<ByteBuffer> buffers = new ArrayList<>();
            ReadAheadBody body = new ReadAheadBody(buffers, source.size());
            boolean read = false;
            try {
                long position = 0;
                while (position < source.size()) {
                    ByteBuffer b = DirectBuffers.SHARED.take();
                    buffers.add(b);
                    source.read(b, position);
                    position += b.remaining();
                }
                read = true;
                return Optional.of(body);
            } finally {
                if (!read) {
                    body.delivered(); // nothing was sent from them: they go back
                    body.close();
                }
            }
        }
    }

    long length() {
        return length;
    }

    /** The file's bytes, in order: to be read through duplicates, as every attempt reads them again. */
    List<ByteBuffer> buffers() {
        return java.util.Collections.unmodifiableList(buffers);
    }

    HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.fromPublisher(this::subscribe, length);
    }

    /**
     * The receiver answered success, so it read the whole body and the client
     * holds none of the buffers any more: closing gives them back to the pool.
     * Without this call they are left to the GC, in case a failed exchange
     * still refers to one.
     */
    void delivered() {
        delivered = true;
    }

    @Override
    public void close() {
        if (delivered) {
            buffers.forEach(DirectBuffers.SHARED::give);
        }
        buffers.clear();
    }

    private void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        List<ByteBuffer> views = new ArrayList<>(buffers.size());
        buffers.forEach(b -> views.add(b.asReadOnlyBuffer()));
        subscriber.onSubscribe(new Subscription(subscriber, views));
    }

    /** Emits the views on demand, then completes (Reactive Streams rules 1.1, 1.3, 3.3, 3.9). */
    private static final class Subscription implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final List<ByteBuffer> views;
        private int next;
        private long demand;
        private boolean emitting;
        private boolean ended;

        Subscription(Flow.Subscriber<? super ByteBuffer> subscriber, List<ByteBuffer> views) {
            this.subscriber = subscriber;
            this.views = views;
        }

        @Override
        public synchronized void request(long n) {
            if (ended) {
                return;
            }
            if (n <= 0) {
                ended = true;
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                return;
            }
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            if (emitting) {
                return; // called from onNext below: the loop there goes on with the new demand
            }
            emitting = true;
            try {
                while (demand > 0 && next < views.size() && !ended) {
                    demand--;
                    subscriber.onNext(views.get(next++));
                }
                if (next == views.size() && !ended) {
                    ended = true;
                    subscriber.onComplete();
                }
            } finally {
                emitting = false;
            }
        }

        @Override
        public synchronized void cancel() {
            ended = true;
        }
    }
}
