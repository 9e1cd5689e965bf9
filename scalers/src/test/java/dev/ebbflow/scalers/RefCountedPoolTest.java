package dev.ebbflow.scalers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RefCountedPoolTest {

    /** A client that counts how often it was closed and can be broken by the test. */
    static final class FakeClient {
        final String key;
        final int serial;
        final AtomicInteger closes = new AtomicInteger();
        volatile boolean broken;

        FakeClient(String key, int serial) {
            this.key = key;
            this.serial = serial;
        }
    }

    private final AtomicInteger opened = new AtomicInteger();
    private final List<FakeClient> all = java.util.Collections.synchronizedList(new ArrayList<>());
    private final RefCountedPool<String, FakeClient> pool =
            new RefCountedPool<>("the test factory", c -> c.closes.incrementAndGet(), c -> !c.broken);
    private final ExecutorService threads = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private RefCountedPool.Opener<FakeClient> opener(String key) {
        return () -> {
            FakeClient c = new FakeClient(key, opened.incrementAndGet());
            all.add(c);
            return c;
        };
    }

    private RefCountedPool<String, FakeClient>.Lease lease(String key) {
        return pool.acquire(key, opener(key));
    }

    @Test
    void acquiringOpensNothingUntilTheFirstClientCall() throws Exception {
        RefCountedPool<String, FakeClient>.Lease lease = lease("a");
        assertThat(opened).hasValue(0);
        assertThat(pool.size()).isEqualTo(1);
        FakeClient c = lease.client();
        assertThat(lease.client()).isSameAs(c);
        assertThat(opened).hasValue(1);
    }

    @Test
    void leasesOnOneKeyShareOneClientClosedWithTheLastRelease() throws Exception {
        RefCountedPool<String, FakeClient>.Lease a = lease("k");
        RefCountedPool<String, FakeClient>.Lease b = lease("k");
        RefCountedPool<String, FakeClient>.Lease other = lease("other");
        FakeClient shared = a.client();
        assertThat(b.client()).isSameAs(shared);
        assertThat(other.client()).isNotSameAs(shared);
        assertThat(pool.size()).isEqualTo(2);

        a.close();
        a.close(); // a second close must not release b's reference
        assertThat(shared.closes).hasValue(0);
        assertThat(b.client()).isSameAs(shared);
        b.close();
        assertThat(shared.closes).hasValue(1);
        assertThat(pool.size()).isEqualTo(1);
        assertThat(other.client().closes).hasValue(0);
    }

    @Test
    void aKeyAcquiredAgainAfterItsLastReleaseGetsANewClient() throws Exception {
        RefCountedPool<String, FakeClient>.Lease first = lease("k");
        FakeClient old = first.client();
        first.close();
        RefCountedPool<String, FakeClient>.Lease again = lease("k");
        assertThat(again.client()).isNotSameAs(old);
        assertThat(old.closes).hasValue(1);
    }

    @Test
    void manyThreadsOnOneKeyOpenExactlyOneClientAndCloseItOnce() throws Exception {
        int n = 64;
        CyclicBarrier start = new CyclicBarrier(16);
        List<Future<FakeClient>> seen = new ArrayList<>();
        RefCountedPool<String, FakeClient>.Lease keeper = lease("k");
        for (int i = 0; i < n; i++) {
            seen.add(threads.submit(() -> {
                start.await(5, TimeUnit.SECONDS);
                RefCountedPool<String, FakeClient>.Lease lease = lease("k");
                try {
                    return lease.client();
                } finally {
                    lease.close();
                }
            }));
        }
        for (Future<FakeClient> f : seen) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(all.get(0));
        }
        assertThat(opened).as("one client for all threads").hasValue(1);
        assertThat(all.get(0).closes).as("held open by the keeper").hasValue(0);
        keeper.close();
        assertThat(all.get(0).closes).hasValue(1);
        assertThat(pool.size()).isZero();
    }

    @Test
    void concurrentAcquireAndReleaseNeverLeakNorDoubleClose() throws Exception {
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            work.add(threads.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    RefCountedPool<String, FakeClient>.Lease lease = lease("k");
                    lease.client();
                    lease.close();
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertThat(pool.size()).isZero();
        assertThat(all).hasSize(opened.get()).allSatisfy(c -> assertThat(c.closes).as("client %d", c.serial).hasValue(1));
    }

    @Test
    void aBrokenClientIsEvictedAndReplacedForEveryLeaseOnItsKey() throws Exception {
        RefCountedPool<String, FakeClient>.Lease a = lease("k");
        RefCountedPool<String, FakeClient>.Lease b = lease("k");
        FakeClient first = a.client();
        first.broken = true;
        FakeClient second = b.client();
        assertThat(second).isNotSameAs(first);
        assertThat(first.closes).as("the broken client is closed when replaced").hasValue(1);
        assertThat(a.client()).as("the other lease sees the replacement").isSameAs(second);
        assertThat(lease("k").client()).as("and so does the next acquire").isSameAs(second);
        assertThat(opened).hasValue(2);
    }

    @Test
    void concurrentReadersOfABrokenClientReplaceItOnce() throws Exception {
        RefCountedPool<String, FakeClient>.Lease lease = lease("k");
        lease.client().broken = true;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<FakeClient>> seen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            seen.add(threads.submit(() -> {
                go.await();
                return lease.client();
            }));
        }
        go.countDown();
        for (Future<FakeClient> f : seen) {
            assertThat(f.get(10, TimeUnit.SECONDS).serial).isEqualTo(2);
        }
        assertThat(opened).hasValue(2);
    }

    @Test
    void aFailedOpenIsReportedAndTheNextCallTriesAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        RefCountedPool<String, FakeClient>.Lease lease = pool.acquire("k", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new ScalerException("source down");
            }
            return new FakeClient("k", 99);
        });
        assertThatThrownBy(lease::client).isInstanceOf(ScalerException.class).hasMessage("source down");
        assertThat(lease.client().serial).isEqualTo(99);
    }

    @Test
    void onlyTheFirstLeasesOpenerIsKeptForAKey() throws Exception {
        RefCountedPool<String, FakeClient>.Lease a = pool.acquire("k", () -> new FakeClient("first", 1));
        RefCountedPool<String, FakeClient>.Lease b = pool.acquire("k", () -> new FakeClient("second", 2));
        assertThat(b.client().key).isEqualTo("first");
        assertThat(a.client()).isSameAs(b.client());
    }

    @Test
    void closingThePoolClosesEveryClientAndRefusesFurtherUse() throws Exception {
        RefCountedPool<String, FakeClient>.Lease a = lease("a");
        FakeClient ca = a.client();
        RefCountedPool<String, FakeClient>.Lease b = lease("b");
        FakeClient cb = b.client();
        RefCountedPool<String, FakeClient>.Lease neverRead = lease("c");
        pool.close();
        assertThat(ca.closes).hasValue(1);
        assertThat(cb.closes).hasValue(1);
        assertThat(pool.size()).isZero();
        assertThatThrownBy(a::client).isInstanceOf(ScalerException.class).hasMessage("the client was closed with the test factory");
        assertThatThrownBy(neverRead::client).isInstanceOf(ScalerException.class);
        assertThat(opened).as("a lease never read opens nothing, even on close").hasValue(2);
        assertThatThrownBy(() -> lease("a")).isInstanceOf(IllegalStateException.class)
                .hasMessage("the test factory is closed");

        a.close();
        b.close();
        neverRead.close();
        assertThat(ca.closes).as("releasing after the pool closed closes nothing twice").hasValue(1);
        assertThat(cb.closes).hasValue(1);
    }

    @Test
    void aCloserThatThrowsDoesNotStopTheOthers() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        RefCountedPool<String, FakeClient> fragile = new RefCountedPool<>("fragile", c -> {
            closed.incrementAndGet();
            throw new IllegalStateException("close failed");
        });
        fragile.acquire("a", opener("a")).client();
        fragile.acquire("b", opener("b")).client();
        fragile.close();
        assertThat(closed).hasValue(2);
    }
}
