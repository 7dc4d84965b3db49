package io.isengard.server.rest;

import io.isengard.server.storage.DirectBuffers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * Copies a file to an HTTP answer through reusable direct buffers: Jetty
 * writes a direct buffer to the socket as it is, so the bytes go from the
 * file into native memory and out from there, never copied to and from Java
 * arrays (as InputStream.transferTo does, 16 KiB at a time). Most of a stored
 * file comes from the disk by direct I/O ({@link DirectBuffers#openForReading}):
 * the next buffer is read while the previous one is written, so that the
 * disk and the connection work at the same time.
 */
final class FileSending {
    private FileSending() {}

    static void send(DirectBuffers.SequentialFile file, OutputStream out) throws IOException {
        if (!(out instanceof HttpOutput http)) {
            copy(file, out); // not Jetty's stream (never in the server)
            return;
        }
        ByteBuffer[] buffers = {DirectBuffers.SHARED.take(), DirectBuffers.SHARED.take()};
        FutureTask<Void> ahead = null;
        boolean written = false;
        try {
            int k = 0;
            file.read(buffers[0], 0);
            long position = buffers[0].remaining();
            while (true) {
                ahead = null;
                if (position < file.size()) {
                    ByteBuffer next = buffers[1 - k];
                    long at = position;
                    ahead = new FutureTask<>(() -> {
                        file.read(next, at);
                        return null;
                    });
                    Thread.ofVirtual().name("file-read-ahead").start(ahead);
                }
                http.write(buffers[k]); // blocks until the buffer is written: it can be refilled after
                if (ahead == null) {
                    break;
                }
                await(ahead);
                k = 1 - k;
                position += buffers[k].remaining();
            }
            written = true;
        } finally {
            if (!written && ahead != null) {
                try {
                    await(ahead); // before the caller closes the file under it
                } catch (IOException ignored) {
                    // the write's failure is the one to report
                }
            }
            if (written) {
                // After a failed write something may still refer to a buffer: only clean ends give them back.
                DirectBuffers.SHARED.give(buffers[0]);
                DirectBuffers.SHARED.give(buffers[1]);
            }
        }
    }

    private static void await(FutureTask<Void> read) throws IOException {
        try {
            read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading a file to send");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static void copy(DirectBuffers.SequentialFile file, OutputStream out) throws IOException {
        ByteBuffer buffer = DirectBuffers.SHARED.take();
        long position = 0;
        while (position < file.size()) {
            file.read(buffer, position);
            position += buffer.remaining();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            out.write(bytes);
        }
        DirectBuffers.SHARED.give(buffer);
    }
}
