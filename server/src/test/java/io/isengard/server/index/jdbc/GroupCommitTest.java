package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.server.index.Index;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Index#writeGrouped}: works of several threads share a transaction, yet each keeps its own outcome
 * (a failing work is undone alone); on each backend (subclasses).
 */
abstract class GroupCommitTest extends FreshIndexTest {
    private static final int THREADS = 16;
    private static final int FAILING = 7;
    private static final int PROPERTY_BASE = 5000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentWorksAreGroupedAndAFailingOneIsUndoneAlone() throws Exception {
        {
            CountDownLatch firstRunning = new CountDownLatch(1);
            CountDownLatch othersQueued = new CountDownLatch(THREADS - 1);
            AtomicInteger ranElsewhere = new AtomicInteger();
            Map<Integer, Object> outcomes = new ConcurrentHashMap<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                threads.add(Thread.ofPlatform().start(() -> {
                    Thread caller = Thread.currentThread();
                    if (n > 0) {
                        awaitQuietly(firstRunning);
                        othersQueued.countDown();
                    }
                    try {
                        outcomes.put(n, index.writeGrouped(tx -> {
                            if (Thread.currentThread() != caller) {
                                ranElsewhere.incrementAndGet();
                            }
                            tx.setGlobalProperty(PROPERTY_BASE + n, "value " + n);
                            if (n == 0) {
                                // Hold the first group open while the others queue behind it.
                                firstRunning.countDown();
                                awaitQuietly(othersQueued);
                                sleepQuietly(500);
                            }
                            if (n == FAILING) {
                                throw new IllegalStateException("work " + n + " fails");
                            }
                            return "done " + n;
                        }));
                    } catch (RuntimeException e) {
                        outcomes.put(n, e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }

            assertThat(ranElsewhere.intValue()).as("works run by another thread's group").isPositive();
            for (int n = 0; n < THREADS; n++) {
                int k = n;
                String stored = index.read(tx -> tx.globalProperty(PROPERTY_BASE + k));
                if (n == FAILING) {
                    assertThat(outcomes.get(n)).isInstanceOf(IllegalStateException.class);
                    assertThat(((Throwable) outcomes.get(n)).getMessage()).isEqualTo("work " + n + " fails");
                    assertThat(stored).as("property of the failed work").isNull();
                } else {
                    assertThat(outcomes.get(n)).isEqualTo("done " + n);
                    assertThat(stored).isEqualTo("value " + n);
                }
            }
        }
    }

    @Test
    void aWorkAloneBehavesAsWrite() throws Exception {
        {
            Integer answer = index.writeGrouped(tx -> {
                tx.setGlobalProperty(PROPERTY_BASE, "alone");
                return 42;
            });
            assertThat(answer).isEqualTo(42);
            String stored = index.read(tx -> tx.globalProperty(PROPERTY_BASE));
            assertThat(stored).isEqualTo("alone");
            assertThatThrownBy(() -> index.<Void>writeGrouped(tx -> {
                tx.setGlobalProperty(PROPERTY_BASE, "changed");
                throw new IllegalArgumentException("no");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("no");
            String after = index.read(tx -> tx.globalProperty(PROPERTY_BASE));
            assertThat(after).isEqualTo("alone");
        }
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
