package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Connections per address, as the per-address limit counts them, and what a closing connection gives back. */
class AddressCounterTest {

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void eachClosingConnectionGivesBackItsPlaceUnderItsAddressAndWhatElseTheServerCounts() throws Exception {
        AtomicInteger openSockets = new AtomicInteger(3);
        AddressCounter counter = new AddressCounter(openSockets::decrementAndGet);
        InetAddress one = address(1);
        InetAddress two = address(2);

        assertThat(counter.acquire(one)).isEqualTo(1);
        Runnable firstFromOne = counter.releaser(one);
        assertThat(counter.acquire(one)).isEqualTo(2);
        Runnable secondFromOne = counter.releaser(one);
        assertThat(counter.acquire(two)).isEqualTo(1);
        Runnable fromTwo = counter.releaser(two);
        assertThat(counter.snapshot()).isEqualTo(Map.of(one, 2, two, 1));

        firstFromOne.run();
        assertThat(counter.snapshot()).isEqualTo(Map.of(one, 1, two, 1));
        assertThat(counter.acquire(one)).as("the place given back is free again").isEqualTo(2);
        counter.release(one);
        secondFromOne.run();
        fromTwo.run();

        assertThat(counter.addresses()).as("an address with no connection takes no memory").isZero();
        assertThat(openSockets).hasValue(0);
    }

    @Test
    void aLeaseMovesItsPlaceToTheAddressItLearns() throws Exception {
        AddressCounter counter = new AddressCounter(() -> { });
        InetAddress proxy = address(1);
        InetAddress client = address(2);

        AddressCounter.Lease lease = counter.lease(proxy);
        assertThat(counter.snapshot()).isEqualTo(Map.of(proxy, 1));
        assertThat(lease.moveTo(client)).isEqualTo(1);
        assertThat(counter.snapshot()).isEqualTo(Map.of(client, 1));
        lease.release();
        assertThat(counter.addresses()).isZero();
    }
}
