package io.isengard.server.rest;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * Copies a file to an HTTP answer through reusable direct buffers: Jetty
 * writes a direct buffer to the socket as it is, so the bytes are read from
 * the page cache into native memory and written from there, never copied to
 * and from Java arrays (as InputStream.transferTo does, 16 KiB at a time).
 */
final class FileSending {
    /** Large enough that a typical DICOM file goes in a few writes. */
    static final int BUFFER_SIZE = 256 * 1024;
    /** Buffers kept between answers; more are made (and left to the GC) under a burst. */
    private static final BlockingQueue<ByteBuffer> IDLE = new ArrayBlockingQueue<>(16);

    private FileSending() {}

    static void send(FileChannel channel, long size, OutputStream out) throws IOException {
        if (!(out instanceof HttpOutput http)) {
            Channels.newInputStream(channel).transferTo(out); // not Jetty's stream (never in the server)
            return;
        }
        ByteBuffer buffer = IDLE.poll();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        }
        long position = 0;
        while (position < size) {
            buffer.clear();
            if (size - position < buffer.capacity()) {
                buffer.limit((int) (size - position));
            }
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new EOFException("the file ended " + (size - position) + " bytes early");
            }
            position += n;
            buffer.flip();
            http.write(buffer); // blocks until the buffer is written: it can be refilled after
        }
        // Kept only after a clean end: after a failed write nothing may still refer to it.
        IDLE.offer(buffer);
    }
}
