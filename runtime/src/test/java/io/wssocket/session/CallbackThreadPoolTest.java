package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Threads blocked on peers are replaced by spares, up to the ceiling; at the ceiling a wait is refused. */
@Timeout(30)
class CallbackThreadPoolTest {
    private static final int RUNNABLE = 2;
    private static final int CEILING = 5;

    private final CallbackThreadPool pool = new CallbackThreadPool("test-callback", RUNNABLE, CEILING);
    private final CountDownLatch peersRead = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        peersRead.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** A task that waits on a peer, told to the pool, until the test lets every peer read. */
    private CompletableFuture<Void> waitOnPeer() {
        return CompletableFuture.runAsync(() -> {
            try {
                PeerWait.run(() -> peersRead.await(20, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, pool);
    }

    @Test
    void tasksStillRunWhileEveryRunnableThreadWaitsOnAPeer() throws Exception {
        waitOnPeer();
        waitOnPeer();
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.blockedThreads() == RUNNABLE);

        assertThat(CompletableFuture.supplyAsync(() -> "ran", pool).get(10, TimeUnit.SECONDS)).isEqualTo("ran");
    }

    @Test
    void atTheCeilingAWaitIsRefusedAndTheRunnableThreadsKeepServing() throws Exception {
        for (int i = 0; i < CEILING - RUNNABLE; i++) {
            waitOnPeer();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.blockedThreads() == CEILING - RUNNABLE);

        CompletableFuture<Object> refused = CompletableFuture.supplyAsync(() -> {
            try {
                return PeerWait.run(() -> "waited");
            } catch (RejectedExecutionException e) {
                return e;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, pool);
        assertThat(refused.get(10, TimeUnit.SECONDS)).isInstanceOf(RejectedExecutionException.class)
                .asString().contains("callback threads wait on peers that do not read");
        assertThat(CompletableFuture.supplyAsync(() -> "ran", pool).get(10, TimeUnit.SECONDS)).isEqualTo("ran");
    }

    @Test
    void sparesGiveTheirPlaceBackWhenThePeersRead() throws Exception {
        CompletableFuture<Void> first = waitOnPeer();
        CompletableFuture<Void> second = waitOnPeer();
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.blockedThreads() == 2);
        peersRead.countDown();
        CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS);

        assertThat(pool.blockedThreads()).isZero();
        assertThat(pool.getCorePoolSize()).isEqualTo(RUNNABLE);
    }

    @Test
    void aThreadOfNoCallbackPoolJustWaits() throws Exception {
        assertThat(CallbackThreadPool.current()).isNull();
        assertThat(PeerWait.run(() -> "waited")).isEqualTo("waited");
        assertThatThrownBy(() -> PeerWait.run(() -> {
            throw new java.io.IOException("the wait's own failure");
        })).hasMessage("the wait's own failure");
    }
}
