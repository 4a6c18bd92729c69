package io.wssocket.samples.ticker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The shared scheduler runs only while someone listens, and a busy subscriber skips ticks instead of holding up others. */
class TickerTest {
    private static final long NEVER = 3_600_000; // the tests drive ticks themselves

    /** Records what it is sent; completes each send at once, or never when {@code stalled}. */
    private static final class Recorder implements Ticker.Subscriber {
        final List<String> received = new ArrayList<>();
        final Set<String> symbols;
        final boolean stalled;

        Recorder(Set<String> symbols, boolean stalled) {
            this.symbols = symbols;
            this.stalled = stalled;
        }

        @Override
        public Set<String> symbols() {
            return symbols;
        }

        @Override
        public void send(String json, Consumer<Throwable> done) {
            received.add(json);
            if (!stalled) {
                done.accept(null);
            }
        }
    }

    @Test
    void theSchedulerStartsWithTheFirstSubscriberAndStopsAfterTheLast() {
        Ticker ticker = new Ticker(NEVER, new Random(1));
        Recorder first = new Recorder(Set.of("ACME"), false);
        Recorder second = new Recorder(Set.of("ACME"), false);
        assertThat(ticker.isRunning()).isFalse();
        ticker.subscribe(first);
        ticker.subscribe(second);
        assertThat(ticker.isRunning()).isTrue();
        ticker.unsubscribe(first);
        assertThat(ticker.isRunning()).isTrue();
        ticker.unsubscribe(second);
        assertThat(ticker.isRunning()).isFalse();
        ticker.subscribe(first);
        assertThat(ticker.isRunning()).as("started again on demand").isTrue();
        ticker.unsubscribe(first);
    }

    @Test
    void aSubscriberStillBusyWithItsLastMessageSkipsTicksWhileOthersGetEveryOne() {
        Ticker ticker = new Ticker(NEVER, new Random(2));
        Recorder stalled = new Recorder(Set.of("ACME"), true);
        Recorder reader = new Recorder(Set.of("ACME"), false);
        ticker.subscribe(stalled);
        ticker.subscribe(reader);
        for (int i = 0; i < 10; i++) {
            ticker.tick();
        }
        assertThat(reader.received).hasSize(10);
        assertThat(stalled.received).as("one message in flight, nothing queued behind it").hasSize(1);
        assertThat(ticker.skipped()).isEqualTo(9);
        ticker.unsubscribe(stalled);
        ticker.unsubscribe(reader);
    }

    @Test
    void aTickIsSmallJsonWithTheChosenSymbolsOnly() {
        Ticker ticker = new Ticker(NEVER, new Random(3));
        Recorder some = new Recorder(Symbols.parse("HOOLI,ACME"), false);
        ticker.subscribe(some);
        ticker.tick();
        ticker.tick();
        ticker.unsubscribe(some);
        assertThat(some.received.get(0)).matches("\\{\"seq\":1,\"time\":\\d+,\"prices\":\\{\"HOOLI\":\\d+\\.\\d\\d,\"ACME\":\\d+\\.\\d\\d}}");
        assertThat(some.received.get(1)).startsWith("{\"seq\":2,");
    }
}
