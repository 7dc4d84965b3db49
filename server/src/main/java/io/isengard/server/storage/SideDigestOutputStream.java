package io.isengard.server.storage;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Passes bytes through to a stream and digests copies of them on a virtual
 * thread of its own. An upload's MD5 (a fifth of its CPU) then runs beside
 * its socket reads, its file writes and its fsyncs instead of between them:
 * a single C-STORE association, which waits for each answer before it sends
 * the next instance, gets its answers sooner while the other core is idle.
 */
final class SideDigestOutputStream extends FilterOutputStream {
    private static final byte[] END = new byte[0];

    private final MessageDigest digest;
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
    private final Thread worker;
    private boolean ended;

    SideDigestOutputStream(OutputStream out, MessageDigest digest) {
        super(out);
        this.digest = digest;
        this.worker = Thread.ofVirtual().name("attachment-md5").start(this::digestChunks);
    }

    private void digestChunks() {
        try {
            for (byte[] c = chunks.take(); c != END; c = chunks.take()) {
                digest.update(c);
            }
        } catch (InterruptedException abandoned) {
            // the attachment was discarded before its digest was asked for
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (ended) {
            throw new IOException("written after its digest was taken");
        }
        out.write(b, off, len);
        if (len > 0) {
            put(Arrays.copyOfRange(b, off, off + len));
        }
    }

    /** Waits until every byte written so far is digested; returns the digest (once: the stream then ends). */
    byte[] digest() throws IOException {
        if (!ended) {
            ended = true;
            put(END);
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an attachment's MD5");
        }
        return digest.digest();
    }

    private void put(byte[] chunk) throws InterruptedIOException {
        try {
            chunks.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            throw new InterruptedIOException("interrupted while digesting an attachment");
        }
    }

    /** Closes the stream; a digest not asked for is abandoned. */
    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            abandon();
        }
    }

    /** Ends the digesting thread unless the digest was taken (for a write that failed or was discarded). */
    void abandon() {
        if (!ended) {
            ended = true;
            worker.interrupt();
        }
    }
}
