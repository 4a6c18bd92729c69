package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runner's release lines end a driver's holds one by one; end of input ends them all. */
class HoldSignalTest {

    @Test
    void eachReleaseLineEndsOneHoldAndEndOfInputEndsTheRest() throws IOException, InterruptedException {
        PipedOutputStream runner = new PipedOutputStream();
        PipedInputStream driverStdin = new PipedInputStream(runner);
        Semaphore wakeups = new Semaphore(0);
        HoldSignal signal = HoldSignal.watch(driverStdin, wakeups::release);

        assertThat(signal.released(1)).isFalse();

        runner.write("noise\nrelease\n".getBytes(StandardCharsets.US_ASCII));
        runner.flush();
        assertThat(wakeups.tryAcquire(10, TimeUnit.SECONDS)).as("the driver is woken").isTrue();
        assertThat(signal.released()).isTrue();
        assertThat(signal.released(2)).isFalse();

        runner.close();
        assertThat(wakeups.tryAcquire(10, TimeUnit.SECONDS)).as("the driver is woken").isTrue();
        assertThat(signal.released(2)).isTrue();
        assertThat(signal.released(3)).isTrue();
    }
}
