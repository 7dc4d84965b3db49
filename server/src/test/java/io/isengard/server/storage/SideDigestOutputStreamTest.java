package io.isengard.server.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SideDigestOutputStreamTest {

    @Test
    void passesEveryByteThroughAndDigestsThemInOrder() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        SideDigestOutputStream out = new SideDigestOutputStream(target, MessageDigest.getInstance("MD5"));
        Random sizes = new Random(11);
        int at = 0;
        while (at < data.length) {
            // Single bytes, empty writes and chunks of up to 200 KB, more than the queue holds at once.
            int n = Math.min(data.length - at, switch (sizes.nextInt(4)) {
                case 0 -> 1;
                case 1 -> 0;
                default -> sizes.nextInt(200 * 1024);
            });
            if (n == 1 && sizes.nextBoolean()) {
                out.write(data[at]);
            } else {
                out.write(data, at, n);
            }
            at += n;
        }

        byte[] digest = out.digest();

        assertArrayEquals(MessageDigest.getInstance("MD5").digest(data), digest);
        assertArrayEquals(data, target.toByteArray());
        assertThrows(IOException.class, () -> out.write(1), "nothing may be written after the digest");
    }

    @Test
    void anAbandonedDigestEndsItsThread() throws Exception {
        SideDigestOutputStream out = new SideDigestOutputStream(new ByteArrayOutputStream(),
                MessageDigest.getInstance("MD5"));
        out.write(new byte[1000], 0, 1000);
        Thread worker = workerOf(out);

        out.close();

        worker.join(10_000);
        assertTrue(!worker.isAlive(), "the digesting thread still runs after close()");
    }

    private static Thread workerOf(SideDigestOutputStream out) throws Exception {
        var f = SideDigestOutputStream.class.getDeclaredField("worker");
        f.setAccessible(true);
        return (Thread) f.get(out);
    }
}
