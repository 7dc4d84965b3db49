package io.isengard.dicom.io;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the current thread, so that a test can prove that a
 * forged length did not make the reader allocate for it (a heap large enough
 * to survive the allocation would otherwise hide it).
 */
final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {}

    static long allocatedSoFar() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    static boolean supported() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }
}
