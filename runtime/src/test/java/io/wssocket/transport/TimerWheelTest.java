package io.wssocket.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerWheelTest {
    private static final long TICK = 10;
    private static final TransportConfig CONFIG = new TransportConfig(1, 1024, 10, 10, 10, true, 0);
    /** Never started: the wheel only needs connections that belong to some loop. */
    private static final EventLoop LOOP = new EventLoop("test", CONFIG);
    private final List<String> fired = new ArrayList<>();

    @Test
    void firesOnlyOnceTheDeadlineHasPassed() throws IOException {
        TimerWheel wheel = new TimerWheel(TICK, 8, 0);
        SocketConnection a = connection("a");
        schedule(wheel, a, 35);
        wheel.expire(30);
        assertThat(fired).isEmpty();
        wheel.expire(40);
        assertThat(fired).containsExactly("a");
        assertThat(wheel.nanosToNextTick(40)).isEqualTo(-1);
    }

    @Test
    void aLaterDeadlineIsFiledAgainWithoutFiring() throws IOException {
        TimerWheel wheel = new TimerWheel(TICK, 8, 0);
        SocketConnection a = connection("a");
        schedule(wheel, a, 20);
        schedule(wheel, a, 55); // activity pushed the deadline later: no wheel work now
        wheel.expire(30);
        assertThat(fired).isEmpty();
        wheel.expire(60);
        assertThat(fired).containsExactly("a");
    }

    @Test
    void anEarlierDeadlineMovesTheEntry() throws IOException {
        TimerWheel wheel = new TimerWheel(TICK, 8, 0);
        SocketConnection a = connection("a");
        schedule(wheel, a, 70);
        schedule(wheel, a, 15);
        wheel.expire(20);
        assertThat(fired).containsExactly("a");
    }

    @Test
    void deadlinesBeyondOneRotationWaitForTheirRound() throws IOException {
        TimerWheel wheel = new TimerWheel(TICK, 8, 0);
        SocketConnection a = connection("a");
        schedule(wheel, a, 8 * TICK * 3 + 5); // three rotations away
        for (long t = TICK; t < 8 * TICK * 3; t += TICK) {
            wheel.expire(t);
        }
        assertThat(fired).isEmpty();
        wheel.expire(8 * TICK * 3 + TICK);
        assertThat(fired).containsExactly("a");
    }

    @Test
    void cancelledEntriesNeverFireAndManyEntriesShareSlots() throws IOException {
        TimerWheel wheel = new TimerWheel(TICK, 8, 0);
        List<SocketConnection> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            SocketConnection c = connection("c" + i);
            all.add(c);
            schedule(wheel, c, 10 + i * 3);
        }
        wheel.cancel(all.get(7));
        wheel.cancel(all.get(8));
        wheel.expire(1000);
        assertThat(fired).hasSize(48).doesNotContain("c7", "c8");
    }

    /** Files a handler deadline the way SocketConnection.scheduleTimer does, on the test's wheel. */
    private static void schedule(TimerWheel wheel, SocketConnection c, long deadline) {
        c.handlerDeadline = deadline;
        wheel.schedule(c, deadline);
    }

    /** A connection whose handler records firings. */
    private SocketConnection connection(String name) throws IOException {
        SocketChannel channel = SocketChannel.open();
        SocketConnection c = new SocketConnection(channel, LOOP, CONFIG, new ConnectionHandler() {
            @Override
            public void onData(Connection connection, ByteBuffer in) {
            }

            @Override
            public void onInputClosed(Connection connection) {
            }

            @Override
            public long onTimer(Connection connection, long now) {
                fired.add(name);
                return 0;
            }

            @Override
            public void onClosed(Connection connection, Throwable cause) {
            }
        }, null, null, () -> { });
        channel.close();
        return c;
    }
}
