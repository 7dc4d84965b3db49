package io.isengard.server.lua;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orthanc's "LUA-EVENTS" thread: event callbacks run one at a time, in the
 * order they were queued, away from the threads that raised them (ingest,
 * stability), so a slow or failing script never delays or breaks them.
 */
final class LuaEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.isengard.server.lua");
    private static final Runnable STOP = () -> { };

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread = Thread.ofVirtual().name("lua-events").start(this::run);

    void add(Runnable event) {
        queue.add(event);
    }

    private void run() {
        while (true) {
            Runnable event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (event == STOP) {
                return;
            }
            try {
                event.run();
            } catch (RuntimeException e) {
                LOG.error("Lua event failed: {}", e.toString(), e);
            }
        }
    }

    /** Runs what is queued (Finalize last), then stops. */
    @Override
    public void close() {
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
