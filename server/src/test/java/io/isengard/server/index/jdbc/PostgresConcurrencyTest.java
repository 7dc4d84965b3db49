package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.OrthancId;
import io.isengard.server.model.ResourceType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The races of several nodes on one PostgreSQL database, made to happen in a
 * fixed order: node A's transaction is held open at the critical point while
 * node B's runs into it and waits on a row lock; then A commits.
 */
class PostgresConcurrencyTest {
    private static PostgresTestDatabase db;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private Index nodeA;
    private Index nodeB;
    private ExecutorService threads;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void openNodes() {
        String schema = "races_" + SCHEMAS.incrementAndGet();
        nodeA = db.openIndex(schema, 3);
        nodeB = db.openIndex(schema, 3);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void closeNodes() {
        threads.shutdownNow();
        nodeA.close();
        nodeB.close();
    }

    private static String id(String name) {
        return OrthancId.hash(name);
    }

    /** Looks up the chain patient/study/series/instance and creates what is missing, as ingest does. */
    private static ResourceRef lookupOrCreate(IndexTransaction tx, String... names) {
        long parent = 0;
        ResourceRef r = null;
        for (int i = 0; i < names.length; i++) {
            r = tx.lookup(id(names[i]));
            if (r == null) {
                r = tx.createResource(ResourceType.values()[i], id(names[i]), parent);
            }
            parent = r.internalId();
        }
        return r;
    }

    /** Waits until some session of the test database waits for a lock. */
    private static void awaitLockWait() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ? AND wait_event_type = 'Lock'")) {
            ps.setString(1, db.name);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no transaction started waiting for a lock within 20 s");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aUniqueViolationOnAConcurrentInsertIsRetriedAndFindsTheOtherNodesRow() throws Exception {
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<ResourceRef> first = threads.submit(() -> nodeA.write(tx -> {
            ResourceRef r = lookupOrCreate(tx, "p", "p/st");
            inserted.countDown();
            await(commit);
            return r;
        }));
        await(inserted);
        AtomicInteger attempts = new AtomicInteger();
        Future<ResourceRef> second = threads.submit(() -> nodeB.write(tx -> {
            attempts.incrementAndGet();
            return lookupOrCreate(tx, "p", "p/st", "p/st/se");
        }));
        awaitLockWait(); // B's insert of the same patient waits for A's transaction
        commit.countDown();

        ResourceRef study = first.get(30, TimeUnit.SECONDS);
        ResourceRef series = second.get(30, TimeUnit.SECONDS);
        assertThat(series.parentId()).isEqualTo(study.internalId());
        assertThat(attempts).as("B ran once, hit the unique violation, and ran again").hasValue(2);
        assertThat(((JdbcIndex) nodeB).retriedTransactions()).isEqualTo(1);
        assertThat(((JdbcIndex) nodeA).retriedTransactions()).isZero();
        nodeA.read(tx -> {
            assertThat(tx.list(ResourceType.PATIENT, 0, 0)).hasSize(1);
            assertThat(tx.list(ResourceType.STUDY, 0, 0)).hasSize(1);
            assertThat(tx.list(ResourceType.SERIES, 0, 0)).hasSize(1);
            return null;
        });
    }

    @Test
    void deletingTheLastInstanceKeepsASeriesThatAConcurrentTransactionAddsAnInstanceTo() throws Exception {
        ResourceRef old = nodeA.write(tx -> lookupOrCreate(tx, "p", "p/st", "p/st/se", "p/st/se/1"));
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<ResourceRef> adding = threads.submit(() -> nodeA.write(tx -> {
            ResourceRef r = lookupOrCreate(tx, "p", "p/st", "p/st/se", "p/st/se/2");
            inserted.countDown();
            await(commit);
            return r;
        }));
        await(inserted);
        Future<ResourceRef> deleting = threads.submit(() -> nodeB.write(tx -> tx.delete(old.internalId())));
        awaitLockWait(); // B looks at the series A is adding an instance to
        commit.countDown();

        ResourceRef added = adding.get(30, TimeUnit.SECONDS);
        ResourceRef remaining = deleting.get(30, TimeUnit.SECONDS);
        assertThat(remaining).as("RemainingAncestor: the series, which has A's instance").isNotNull()
                .extracting(ResourceRef::publicId).isEqualTo(id("p/st/se"));
        assertThat((ResourceRef) nodeB.read(tx -> tx.lookup(id("p/st/se/2")))).as("A's acknowledged instance").isEqualTo(added);
        assertThat((ResourceRef) nodeB.read(tx -> tx.lookup(id("p/st/se/1")))).isNull();
    }

    @Test
    void anInsertUnderAParentThatAConcurrentTransactionDeletesIsRetriedAndRecreatesTheHierarchy() throws Exception {
        ResourceRef old = nodeA.write(tx -> lookupOrCreate(tx, "p", "p/st", "p/st/se", "p/st/se/1"));
        CountDownLatch deleted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<ResourceRef> deleting = threads.submit(() -> nodeA.write(tx -> {
            ResourceRef r = tx.delete(old.internalId()); // the last instance: everything goes
            deleted.countDown();
            await(commit);
            return r;
        }));
        await(deleted);
        AtomicInteger attempts = new AtomicInteger();
        Future<ResourceRef> adding = threads.submit(() -> nodeB.write(tx -> {
            attempts.incrementAndGet();
            return lookupOrCreate(tx, "p", "p/st", "p/st/se", "p/st/se/2");
        }));
        awaitLockWait(); // B's new instance references the series A is deleting
        commit.countDown();

        assertThat(deleting.get(30, TimeUnit.SECONDS)).isNull();
        ResourceRef added = adding.get(30, TimeUnit.SECONDS);
        assertThat(attempts).as("B hit the foreign key violation and ran again").hasValue(2);
        nodeB.read(tx -> {
            assertThat(tx.lookup(id("p/st/se/2"))).isEqualTo(added);
            assertThat(tx.lookup(id("p/st/se/1"))).isNull();
            ResourceRef series = tx.lookup(added.parentId());
            assertThat(series.publicId()).isEqualTo(id("p/st/se"));
            assertThat(tx.list(ResourceType.PATIENT, 0, 0)).extracting(ResourceRef::publicId).containsExactly(id("p"));
            return null;
        });
    }
}
